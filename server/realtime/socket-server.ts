import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { ClientEvents, SOCKET_PATH, type ClientToServer, type ServerToClient } from '../../src/lib/protocol/socket-events';
import { readCookie, sessionCookieName } from '../../src/lib/server/auth/session-cookie';
import type { AppContext } from '../../src/lib/server/context';
import type { SignedInUser } from '../../src/lib/server/auth/signed-in-user';
import { councilAccess } from '../../src/lib/server/services/council-access';
import type { Logger } from '../log';
import { handler } from './handler';

interface SocketData {
	user: SignedInUser;
}

export type YishiSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type YishiIo = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export const councilRoom = (councilId: string) => `council:${councilId}`;

export function attachSocketServer(http: HttpServer, ctx: AppContext, log: Logger): YishiIo {
	// destroyUpgrade: false, or socket.io kills the Yjs endpoint's upgrades on the same port.
	const io: YishiIo = new Server(http, { path: SOCKET_PATH, serveClient: false, destroyUpgrade: false });

	io.use((socket, next) => {
		const token = readCookie(socket.handshake.headers.cookie, sessionCookieName(ctx.settings.secureCookies));
		ctx.services.sessions.resolve(token).then(
			(user) => {
				if (!user) return next(refusal('unauthenticated', 'Sign in first.'));
				socket.data.user = user;
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

	ctx.deps.events.on('membership:revoked', ({ councilId, userId }) => {
		void io
			.in(councilRoom(councilId))
			.fetchSockets()
			.then((sockets) => {
				for (const s of sockets) {
					if (s.data.user.id !== userId) continue;
					s.emit('council:access-revoked', { councilId });
					s.leave(councilRoom(councilId));
				}
			});
	});

	return io;
}

function refusal(code: string, message: string): Error & { data: { code: string } } {
	return Object.assign(new Error(message), { data: { code } });
}
