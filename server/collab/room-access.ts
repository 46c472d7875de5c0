import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { can, CouncilAction } from '../../src/lib/domain/council/permission';
import { DOCUMENT_STATUS, type CollabRoom } from '../../src/lib/protocol/collab';
import type { AppContext } from '../../src/lib/server/context';
import { documentRepository } from '../../src/lib/server/repositories/document.repository';
import { meetingRepository } from '../../src/lib/server/repositories/meeting.repository';
import { councilAccess } from '../../src/lib/server/services/council-access';

/** What a person may do in one room, decided before any sync message is sent. */
export interface RoomGrant {
	councilId: string;
	/** Asked for every incoming change, so a lock taken meanwhile applies at once. */
	writable: () => boolean;
	/** Brings the loaded document in line with the database (e.g. its lock flag for the editors). */
	admitted(doc: Y.Doc): void;
}

/** The locked proposal documents this process knows of: refreshed on admission and on lock events. */
export class DocumentLocks {
	private readonly locked = new Set<string>();
	set(documentId: string, locked: boolean): void {
		if (locked) this.locked.add(documentId);
		else this.locked.delete(documentId);
	}
	has = (documentId: string): boolean => this.locked.has(documentId);
}

/** Shows editors the lock (their editor turns read-only); the server enforces it regardless. */
export function showLock(doc: Y.Doc, locked: boolean): void {
	const status = doc.getMap(DOCUMENT_STATUS);
	if (status.get('locked') !== locked) status.set('locked', locked);
}

/** Tells open pages of the document that a version was frozen, so they list it without a reload. */
export function showFrozen(doc: Y.Doc, versionId: string): void {
	doc.getMap(DOCUMENT_STATUS).set('latestVersion', versionId);
}

/** Tells open pages of the document that an amendment was proposed or decided (`<id>:<status>`). */
export function showAmendment(doc: Y.Doc, amendmentId: string, status: string): void {
	doc.getMap(DOCUMENT_STATUS).set('latestAmendment', `${amendmentId}:${status}`);
}

/** Status entries only the server writes; an editor's own write of one is undone. */
const SERVER_NEWS = ['latestVersion', 'latestAmendment'] as const;

const followed = new WeakSet<Y.Doc>();

/**
 * The lock (and the latest version and amendment) travel inside the document, so another instance that relays
 * the document's updates learns of them too. Only a change the server made (or relayed) counts: a
 * connection's transaction has its websocket as origin, and a client setting either itself is put
 * back at once.
 */
function followLock(doc: Y.Doc, documentId: string, locks: DocumentLocks): void {
	if (followed.has(doc)) return;
	followed.add(doc);
	const status = doc.getMap(DOCUMENT_STATUS);
	status.observe((event) => {
		const value = status.get('locked');
		if (event.transaction.origin instanceof WebSocket) {
			if (value !== locks.has(documentId)) showLock(doc, locks.has(documentId));
			for (const key of SERVER_NEWS) {
				const change = event.changes.keys.get(key);
				if (change?.action === 'add') status.delete(key);
				else if (change) status.set(key, change.oldValue);
			}
		} else if (typeof value === 'boolean') {
			locks.set(documentId, value);
		}
	});
}

/**
 * Room → council → role. Council pad: members edit, observers read. Document: read for everyone
 * in the council, edit for editing roles while the document is not locked. Meeting notes: the
 * council reads, those who take minutes write.
 */
export async function grantRoom(
	ctx: AppContext,
	locks: DocumentLocks,
	room: CollabRoom,
	userId: string
): Promise<RoomGrant | null> {
	const { sql } = ctx.db;
	const forCouncil = async (councilId: string, read: CouncilAction, write: CouncilAction) => {
		const access = await councilAccess(sql, userId, councilId);
		if (!can(access, read)) return null;
		return { councilId, mayWrite: can(access, write) };
	};
	switch (room.kind) {
		case 'council-pad': {
			const g = await forCouncil(room.councilId, CouncilAction.readDocument, CouncilAction.editDocument);
			return g && { councilId: g.councilId, writable: () => g.mayWrite, admitted: () => {} };
		}
		case 'document': {
			const document = await documentRepository(sql).findById(room.documentId);
			if (!document) return null;
			const g = await forCouncil(document.councilId, CouncilAction.readDocument, CouncilAction.editDocument);
			if (!g) return null;
			locks.set(document.id, document.lockedAt !== null);
			return {
				councilId: g.councilId,
				writable: () => g.mayWrite && !locks.has(document.id),
				admitted: (doc) => {
					followLock(doc, document.id, locks);
					showLock(doc, locks.has(document.id));
				}
			};
		}
		case 'meeting-notes': {
			const meeting = await meetingRepository(sql).findById(room.meetingId);
			if (!meeting) return null;
			const g = await forCouncil(meeting.councilId, CouncilAction.view, CouncilAction.takeMinutes);
			return g && { councilId: g.councilId, writable: () => g.mayWrite, admitted: () => {} };
		}
	}
}
