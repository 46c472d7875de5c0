import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { docs, getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { coalesceSends } from '../coalesced-sends';
import {
	CollabClose,
	collabRoomName,
	COLLAB_PREFIX,
	documentRoomName,
	parseCollabRoom
} from '../../src/lib/protocol/collab';
import { readCookie, sessionCookieName } from '../../src/lib/server/auth/session-cookie';
import type { AppContext } from '../../src/lib/server/context';
import type { Logger } from '../log';
import { guardWrites } from './read-only';
import { DocumentLocks, grantRoom, showAmendment, showFrozen, showLock } from './room-access';
import { postgresCollabPersistence } from './collab-persistence';
import { guardInbound } from './inbound-guard';

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
	const persistence = postgresCollabPersistence(ctx.db.sql, log, {
		relay: ctx.settings.databaseKind === 'server'
	});
	let closing = false;
	const byCouncil = new Map<string, Set<{ ws: WebSocket; userId: string }>>();

	ctx.deps.events.on('membership:revoked', ({ councilId, userId }) => {
		for (const c of byCouncil.get(councilId) ?? []) {
			if (c.userId === userId) c.ws.close(CollabClose.forbidden, 'access-revoked');
		}
	});
	const locks = new DocumentLocks();
	ctx.deps.events.on('document:lock-changed', ({ documentId, locked }) => {
		locks.set(documentId, locked);
		const doc = docs.get(documentRoomName(documentId));
		if (doc) showLock(doc, locked);
	});
	ctx.deps.events.on('document:frozen', ({ documentId, versionId }) => {
		const doc = docs.get(documentRoomName(documentId));
		if (doc) showFrozen(doc, versionId);
	});
	ctx.deps.events.on('document:amendment', ({ documentId, amendmentId, status }) => {
		const doc = docs.get(documentRoomName(documentId));
		if (doc) showAmendment(doc, amendmentId, status);
	});
	ctx.deps.liveDocuments = {
		state: (name) => {
			const doc = docs.get(name);
			return doc ? Y.encodeStateAsUpdate(doc) : null;
		}
	};
	// A server-made change (an accepted amendment) is already stored; editors get it from here.
	ctx.deps.events.on('document:changed', ({ documentId, update }) => {
		const doc = docs.get(documentRoomName(documentId));
		if (doc) Y.applyUpdate(doc, update);
	});

	async function admit(ws: WebSocket, req: IncomingMessage) {
		const room = parseCollabRoom(req.url ?? '');
		if (!room) return ws.close(CollabClose.unknownRoom, 'unknown-room');
		const token = readCookie(req.headers.cookie, sessionCookieName(ctx.settings.secureCookies));
		const user = await ctx.services.sessions.resolve(token);
		if (!user) return ws.close(CollabClose.unauthenticated, 'unauthenticated');
		const grant = await grantRoom(ctx, locks, room, user.id);
		if (!grant) return ws.close(CollabClose.forbidden, 'forbidden');
		guardWrites(ws, grant.writable);
		const entry = { ws, userId: user.id };
		const set = byCouncil.get(grant.councilId) ?? new Set();
		byCouncil.set(grant.councilId, set.add(entry));
		ws.on('close', () => set.delete(entry));
		const docName = collabRoomName(room);
		await persistence.open(docName);
		if (ws.readyState !== ws.OPEN) return;
		grant.admitted(getYDoc(docName));
		guardInbound(ws, docName, persistence.gate, log);
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
				// `ws` reports a broken frame (bad opcode, oversized, …) as an 'error' after closing the
				// connection itself; unheard, that error would end the process — also for a refused one.
				ws.on('error', (error) => log.info(`collab: connection error: ${error.message}`));
				coalesceSends(ws, socket);
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
			await persistence.close();
		}
	};
}
