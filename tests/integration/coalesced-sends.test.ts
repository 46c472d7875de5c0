import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server } from 'socket.io';
import { io as connectSocketIo } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { CoalescingWebSocketServer, coalesceSends } from '../../server/coalesced-sends';

/** Counts the writes a raw socket hands to the kernel: every one goes through `_write` or `_writev`. */
function countWrites(socket: Duplex) {
	const writes = { count: 0 };
	const raw = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
	for (const method of ['_write', '_writev'] as const) {
		const original = raw[method].bind(raw);
		raw[method] = (...args) => {
			writes.count += 1;
			return original(...args);
		};
	}
	return writes;
}

const listen = async (http: HttpServer) => {
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return (http.address() as AddressInfo).port;
};

let closers: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
	for (const close of closers.reverse()) await close();
	closers = [];
});

describe('writes to a connection are coalesced per turn of the event loop', () => {
	it('[collab:coalesced-sends] a document connection: one turn’s sends leave in one write, in order, and nothing is held back', async () => {
		const wss = new WebSocketServer({ noServer: true });
		const http = createServer();
		const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) =>
			http.on('upgrade', (req, socket, head) =>
				wss.handleUpgrade(req, socket, head, (ws) => {
					coalesceSends(ws, socket);
					resolve({ ws, socket });
				})
			)
		);
		const client = new WebSocket(`ws://127.0.0.1:${await listen(http)}`);
		closers.push(
			() => new Promise((resolve) => http.close(resolve)),
			() => new Promise((resolve) => wss.close(resolve)),
			() => client.terminate()
		);
		const received: string[] = [];
		client.on('message', (data) => received.push(String(data)));
		const { ws, socket } = await accepted;
		const writes = countWrites(socket);

		const burst = Array.from({ length: 20 }, (_, i) => `edit ${i}`);
		for (const m of burst) ws.send(m);
		await vi.waitFor(() => expect(received).toEqual(burst));
		expect(writes.count).toBe(1);

		// The next turn's send goes out by itself; a lone edit is not kept waiting for company.
		ws.send('later');
		await vi.waitFor(() => expect(received.at(-1)).toBe('later'));
		expect(writes.count).toBe(2);
	});

	it('[socket:coalesced-sends] socket.io with the coalescing engine: a burst of events to one screen arrives whole and in order, in fewer writes than events', async () => {
		const raw: Duplex[] = [];
		class Watched extends CoalescingWebSocketServer {
			override handleUpgrade(...args: Parameters<CoalescingWebSocketServer['handleUpgrade']>) {
				raw.push(args[1]);
				super.handleUpgrade(...args);
			}
		}
		const http = createServer();
		const io = new Server(http, { wsEngine: Watched });
		const url = `http://127.0.0.1:${await listen(http)}`;
		const connected = new Promise<import('socket.io').Socket>((resolve) => io.on('connection', resolve));
		const client = connectSocketIo(url, { transports: ['websocket'] });
		closers.push(
			() => new Promise((resolve) => io.close(resolve)),
			() => void client.close()
		);
		const received: number[] = [];
		client.on('tally', (n: number) => received.push(n));
		const screen = await connected;
		expect(raw).toHaveLength(1);
		const writes = countWrites(raw[0]!);

		const burst = Array.from({ length: 50 }, (_, i) => i);
		for (const n of burst) screen.emit('tally', n);
		await vi.waitFor(() => expect(received).toEqual(burst));
		expect(writes.count).toBeLessThan(burst.length / 5);
	});
});
