/** Close codes of the Yjs websocket endpoint, sent before any sync message when a room is refused. */
export const CollabClose = {
	unauthenticated: 4401,
	forbidden: 4403,
	unknownRoom: 4404,
	unavailable: 4503
} as const;

export const COLLAB_PREFIX = '/collab/';

/**
 * `council/<councilId>`: the council's shared pad. `document/<documentId>`: a proposal document.
 * `meeting-notes/<meetingId>`: the clerks' live notes of a meeting, one fragment per agenda item.
 */
export type CollabRoom =
	| { kind: 'council-pad'; councilId: string }
	| { kind: 'document'; documentId: string }
	| { kind: 'meeting-notes'; meetingId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KINDS = {
	council: (id: string): CollabRoom => ({ kind: 'council-pad', councilId: id }),
	document: (id: string): CollabRoom => ({ kind: 'document', documentId: id }),
	'meeting-notes': (id: string): CollabRoom => ({ kind: 'meeting-notes', meetingId: id })
} as const;

/** Room names are paths under /collab/: a kind and one uuid, nothing below. */
export function parseCollabRoom(path: string): CollabRoom | null {
	if (!path.startsWith(COLLAB_PREFIX)) return null;
	const [kind, id, ...rest] = path.slice(COLLAB_PREFIX.length).split('?')[0]!.split('/');
	if (!kind || !Object.hasOwn(KINDS, kind) || !id || !UUID.test(id) || rest.length) return null;
	return KINDS[kind as keyof typeof KINDS](id.toLowerCase());
}

export function collabRoomName(room: CollabRoom): string {
	switch (room.kind) {
		case 'council-pad':
			return `council/${room.councilId}`;
		case 'document':
			return documentRoomName(room.documentId);
		case 'meeting-notes':
			return `meeting-notes/${room.meetingId}`;
	}
}

export const documentRoomName = (documentId: string) => `document/${documentId}`;

/**
 * Shared map in a proposal document where the server tells editors whether it is locked
 * (`locked`), which version was frozen last (`latestVersion`, its id) and which amendment was
 * proposed or decided last (`latestAmendment`, `<id>:<status>`).
 */
export const DOCUMENT_STATUS = 'status';
