import type { WebSocket } from 'ws';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * y-websocket has no read-only mode: for observers, drop the sync messages that would change the
 * document (step 2 and updates) before the shared handler sees them. Step 1 (asking for the
 * state) and awareness (presence) still pass.
 */
export function makeReadOnly(ws: WebSocket): void {
	const on = ws.on.bind(ws);
	ws.on = ((event: string, listener: (...args: unknown[]) => void) => {
		if (event !== 'message') return on(event as 'close', listener as () => void);
		return on('message', (data: ArrayBuffer | Buffer) => {
			const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
			if (bytes[0] === MESSAGE_SYNC && (bytes[1] === SYNC_STEP_2 || bytes[1] === SYNC_UPDATE)) return;
			listener(data);
		});
	}) as WebSocket['on'];
}
