import type { WebSocket } from 'ws';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * y-websocket has no read-only mode: drop the sync messages that would change the document (step 2
 * and updates) before the shared handler sees them, whenever `writable()` says no. It is asked per
 * message, so locking a document stops every connected editor at once and unlocking lets them on.
 * Step 1 (asking for the state) and awareness (presence) always pass.
 */
export function guardWrites(ws: WebSocket, writable: () => boolean): void {
	const on = ws.on.bind(ws);
	ws.on = ((event: string, listener: (...args: unknown[]) => void) => {
		if (event !== 'message') return on(event as 'close', listener as () => void);
		return on('message', (data: ArrayBuffer | Buffer) => {
			const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
			const changes = bytes[0] === MESSAGE_SYNC && (bytes[1] === SYNC_STEP_2 || bytes[1] === SYNC_UPDATE);
			if (changes && !writable()) return;
			listener(data);
		});
	}) as WebSocket['on'];
}

/** Observers: never writable. */
export const makeReadOnly = (ws: WebSocket): void => guardWrites(ws, () => false);
