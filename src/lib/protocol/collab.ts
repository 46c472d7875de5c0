/** Close codes of the Yjs websocket endpoint, sent before any sync message when a room is refused. */
export const CollabClose = {
	unauthenticated: 4401,
	forbidden: 4403,
	unknownRoom: 4404,
	unavailable: 4503
} as const;

export const COLLAB_PREFIX = '/collab/';

export type CollabRoom = { kind: 'council-pad'; councilId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Room names are paths under /collab/: `council/<councilId>` is the council's shared pad. */
export function parseCollabRoom(path: string): CollabRoom | null {
	if (!path.startsWith(COLLAB_PREFIX)) return null;
	const [kind, id, ...rest] = path.slice(COLLAB_PREFIX.length).split('?')[0]!.split('/');
	if (kind === 'council' && id && UUID.test(id) && rest.length === 0) {
		return { kind: 'council-pad', councilId: id.toLowerCase() };
	}
	return null;
}

export const collabRoomName = (room: CollabRoom) => `council/${room.councilId}`;
