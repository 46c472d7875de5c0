import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Everything sent to one connection within one turn of the event loop leaves in one write. Each
 * edit is relayed to every other editor, and with 50 editors typing, the relay's time went mostly
 * to system calls, one per edit per connection; a burst of edits read in one turn now costs one
 * per connection. An edit waits at most for the rest of that turn, which it waited for anyway
 * behind the writes.
 */
export function coalesceSends(ws: WebSocket, socket: Duplex): void {
	const send = ws.send.bind(ws);
	let corked = false;
	const uncork = () => {
		corked = false;
		socket.uncork();
	};
	ws.send = ((...args: Parameters<WebSocket['send']>) => {
		if (!corked && !socket.destroyed) {
			corked = true;
			socket.cork();
			setImmediate(uncork);
		}
		return send(...args);
	}) as WebSocket['send'];
}
