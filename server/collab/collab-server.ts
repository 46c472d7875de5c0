import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { can, CouncilAction } from '../../src/lib/domain/council/permission';
import { CollabClose, collabRoomName, COLLAB_PREFIX, parseCollabRoom } from '../../src/lib/protocol/collab';
import { readCookie, sessionCookieName } from '../../src/lib/server/auth/session-cookie';
import type { AppContext } from '../../src/lib/server/context';
import { councilAccess } from '../../src/lib/server/services/council-access';
import type { Logger } from '../log';
import { makeReadOnly } from './read-only';
import { postgresCollabPersistence } from './collab-persistence';

/** Largest single websocket frame accepted; a document update above this is refused. */
export const MAX_COLLAB_FRAME_BYTES = 4 * 1024 * 1024;

export interface CollabEndpoint {
	handles(req: IncomingMessage): boolean;
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): Promise<void>;
}

export function createCollabEndpoint(ctx: AppContext, log: Logger): CollabEndpoint {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_COLLAB_FRAME_BYTES });
	// One per process: y-websocket keeps its documents and persistence in module state.
	const persistence = postgresCollabPersistence(ctx.db.sql, log);
	let closing = false;
	const byCouncil = new Map<string, Set<{ ws: WebSocket; userId: string }>>();

	ctx.deps.events.on('membership:revoked', ({ councilId, userId }) => {
		for (const c of byCouncil.get(councilId) ?? []) {
			if (c.userId === userId) c.ws.close(CollabClose.forbidden, 'access-revoked');
		}
	});

	async function admit(ws: WebSocket, req: IncomingMessage) {
		const room = parseCollabRoom(req.url ?? '');
		if (!room) return ws.close(CollabClose.unknownRoom, 'unknown-room');
		const token = readCookie(req.headers.cookie, sessionCookieName(ctx.settings.secureCookies));
		const user = await ctx.services.sessions.resolve(token);
		if (!user) return ws.close(CollabClose.unauthenticated, 'unauthenticated');
		const access = await councilAccess(ctx.db.sql, user.id, room.councilId);
		if (!can(access, CouncilAction.readDocument)) return ws.close(CollabClose.forbidden, 'forbidden');
		if (!can(access, CouncilAction.editDocument)) makeReadOnly(ws);
		const entry = { ws, userId: user.id };
		const set = byCouncil.get(room.councilId) ?? new Set();
		byCouncil.set(room.councilId, set.add(entry));
		ws.on('close', () => set.delete(entry));
		const docName = collabRoomName(room);
		await persistence.open(docName);
		if (ws.readyState !== ws.OPEN) return;
		setupWSConnection(ws, req, { docName });
	}

	return {
		handles: (req) => (req.url ?? '').startsWith(COLLAB_PREFIX),
		upgrade(req, socket, head) {
			if (closing) return void socket.destroy();
			wss.handleUpgrade(req, socket, head, (ws) => {
				// A client's first sync message can arrive while we authorise; with no listener yet it
				// would be dropped, so the raw socket holds it until setupWSConnection has subscribed.
				socket.pause();
				admit(ws, req)
					.catch((error: unknown) => {
						log.error('collab upgrade failed', error);
						ws.close(CollabClose.unavailable, 'unavailable');
					})
					.finally(() => socket.resume());
			});
		},
		/** Closes every document connection (which compacts each document) and waits for the writes. */
		async close() {
			closing = true;
			// Providers reconnect by themselves; each closed connection lets y-websocket store its document.
			await Promise.all(
				[...wss.clients].map((ws) => new Promise((resolve) => ws.once('close', resolve).terminate()))
			);
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			await persistence.flushed();
		}
	};
}
