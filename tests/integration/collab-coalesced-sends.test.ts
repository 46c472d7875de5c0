import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { coalesceSends } from '../../server/collab/coalesced-sends';

/** A real ws server on port 0 whose one connection sends through coalesceSends; the raw socket is watched. */
async function pair() {
	const wss = new WebSocketServer({ noServer: true });
	const http: Server = createServer();
	const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) =>
		http.on('upgrade', (req, socket, head) =>
			wss.handleUpgrade(req, socket, head, (ws) => {
				coalesceSends(ws, socket);
				resolve({ ws, socket });
			})
		)
	);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
	const received: string[] = [];
	client.on('message', (data) => received.push(String(data)));
	await new Promise((resolve) => client.once('open', resolve));
	const server = await accepted;
	const writes = { count: 0 };
	// Every write the raw socket makes to the kernel goes through one of these two.
	const raw = server.socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
	for (const method of ['_write', '_writev'] as const) {
		const original = raw[method].bind(raw);
		raw[method] = (...args) => {
			writes.count += 1;
			return original(...args);
		};
	}
	const close = async () => {
		client.terminate();
		server.ws.terminate();
		await new Promise((resolve) => wss.close(resolve));
		await new Promise((resolve) => http.close(resolve));
	};
	return { ...server, received, writes, close };
}

describe('relaying edits to a document connection', () => {
	let close: (() => Promise<void>) | null = null;
	afterEach(async () => {
		await close?.();
		close = null;
	});

	it('[collab:coalesced-sends] what is sent to one connection in one turn leaves in one write, in order, and nothing is held back', async () => {
		const p = await pair();
		close = p.close;
		const burst = Array.from({ length: 20 }, (_, i) => `edit ${i}`);
		for (const m of burst) p.ws.send(m);
		await vi.waitFor(() => expect(p.received).toEqual(burst));
		expect(p.writes.count).toBe(1);

		// The next turn's sends go out by themselves; a lone edit is not kept waiting for company.
		p.ws.send('later');
		await vi.waitFor(() => expect(p.received.at(-1)).toBe('later'));
		expect(p.writes.count).toBe(2);
	});
});
