import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** Sockets corked in this turn of the event loop; one callback at its end uncorks them all. */
const corked = new Set<Duplex>();

function uncorkAll() {
	for (const socket of corked) socket.uncork();
	corked.clear();
}

/**
 * Everything sent to one connection within one turn of the event loop leaves in one write. Each
 * document edit is relayed to every other editor, and each ballot is acknowledged and announced,
 * and the servers' time went mostly to system calls, one per message per connection; a burst read
 * in one turn now costs one per connection. A message waits at most for the rest of that turn,
 * which it waited for anyway behind the other writes.
 */
export function coalesceSends(ws: WebSocket, socket: Duplex): void {
	const send = ws.send.bind(ws);
	ws.send = ((...args: Parameters<WebSocket['send']>) => {
		if (!corked.has(socket) && !socket.destroyed) {
			if (corked.size === 0) setImmediate(uncorkAll);
			corked.add(socket);
			socket.cork();
		}
		return send(...args);
	}) as WebSocket['send'];
}

/** For socket.io's `wsEngine`: its websocket connections send through coalesceSends. */
export class CoalescingWebSocketServer extends WebSocketServer {
	override handleUpgrade(...[req, socket, head, done]: Parameters<WebSocketServer['handleUpgrade']>): void {
		super.handleUpgrade(req, socket, head, (ws, request) => {
			coalesceSends(ws, socket);
			done(ws, request);
		});
	}
}
