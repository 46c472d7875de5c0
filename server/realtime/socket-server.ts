import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
	ClientEvents,
	SOCKET_PATH,
	type ClientToServer,
	type ServerToClient
} from '../../src/lib/protocol/socket-events';
import { readCookie, sessionCookieName } from '../../src/lib/server/auth/session-cookie';
import type { AppContext } from '../../src/lib/server/context';
import type { SignedInUser } from '../../src/lib/server/auth/signed-in-user';
import { councilAccess } from '../../src/lib/server/services/council-access';
import { CoalescingWebSocketServer } from '../coalesced-sends';
import type { Logger } from '../log';
import { handler } from './handler';
import { announceMeetingFacts, meetingRoom, registerMeetingHandlers } from './meeting.handlers';

interface SocketData {
	user: SignedInUser;
	/** meetingId → councilId of the meeting rooms this socket joined. */
	meetings: Map<string, string>;
}

export type YishiSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type YishiIo = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export const councilRoom = (councilId: string) => `council:${councilId}`;

export interface SocketServer {
	io: YishiIo;
	/** Sends the meeting facts still held back (see announcement-pacing.ts); call before closing `io`. */
	stopAnnouncing(): void;
}

export function attachSocketServer(http: HttpServer, ctx: AppContext, log: Logger): SocketServer {
	// destroyUpgrade: false, or socket.io kills the Yjs endpoint's upgrades on the same port.
	const io: YishiIo = new Server(http, {
		path: SOCKET_PATH,
		serveClient: false,
		destroyUpgrade: false,
		// A crowd's acknowledgements and announcements to one screen leave in one write per turn.
		wsEngine: CoalescingWebSocketServer
	});

	io.use((socket, next) => {
		const token = readCookie(socket.handshake.headers.cookie, sessionCookieName(ctx.settings.secureCookies));
		ctx.services.sessions.resolve(token).then(
			(user) => {
				if (!user) return next(refusal('unauthenticated', 'Sign in first.'));
				socket.data.user = user;
				socket.data.meetings = new Map();
				next();
			},
			(error: unknown) => {
				log.error('socket handshake failed', error);
				next(refusal('unavailable', 'The server cannot check your sign-in right now.'));
			}
		);
	});

	io.on('connection', (socket: YishiSocket) => {
		const { user } = socket.data;
		socket.on(
			'ping',
			handler(log, 'ping', ClientEvents.ping, async () => ({
				ok: true,
				value: { userId: user.id, serverTime: ctx.deps.now().toISOString() }
			}))
		);
		socket.on(
			'council:subscribe',
			handler(log, 'council:subscribe', ClientEvents['council:subscribe'], async ({ councilId }) => {
				const access = await councilAccess(ctx.db.sql, user.id, councilId);
				if (!access.role) return { ok: false, error: { code: 'not-found', message: 'No such council.' } };
				await socket.join(councilRoom(councilId));
				return { ok: true, value: { role: access.role } };
			})
		);
	});

	io.on('connection', (socket: YishiSocket) => registerMeetingHandlers(io, socket, ctx, log));
	// The services live exactly as long as this server: the subscription ends when it closes.
	const announcing = announceMeetingFacts(io, ctx);
	ctx.deps.events.on('amendment:not-adopted', ({ meetingId, motionId, reason }) =>
		log.error(`amendment ${motionId} of meeting ${meetingId} carried but was not applied: ${reason}`)
	);

	ctx.deps.events.on('membership:revoked', ({ councilId, userId }) => {
		// This instance's sockets: each instance hears every revocation, its own or relayed from
		// another (server/membership-relay.ts).
		for (const s of io.of('/').sockets.values()) {
			if (s.data.user?.id !== userId) continue;
			const rooms = [...s.data.meetings].filter(([, c]) => c === councilId).map(([m]) => meetingRoom(m));
			if (!s.rooms.has(councilRoom(councilId)) && rooms.length === 0) continue;
			s.emit('council:access-revoked', { councilId });
			for (const room of [councilRoom(councilId), ...rooms]) void s.leave(room);
		}
	});

	return { io, stopAnnouncing: announcing.stop };
}

function refusal(code: string, message: string): Error & { data: { code: string } } {
	return Object.assign(new Error(message), { data: { code } });
}
