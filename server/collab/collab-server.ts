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

/** Largest single websocket frame accepted; a document update above this is refused. */
export const MAX_COLLAB_FRAME_BYTES = 4 * 1024 * 1024;

export interface CollabEndpoint {
	handles(req: IncomingMessage): boolean;
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	close(): void;
}

export function createCollabEndpoint(ctx: AppContext, log: Logger): CollabEndpoint {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_COLLAB_FRAME_BYTES });
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
		setupWSConnection(ws, req, { docName: collabRoomName(room) });
	}

	return {
		handles: (req) => (req.url ?? '').startsWith(COLLAB_PREFIX),
		upgrade(req, socket, head) {
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
		close: () => wss.close()
	};
}
