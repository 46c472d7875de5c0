import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { openPad, whenDoc, type PadClient } from '../helpers/collab-client';
import { durableStore, type DurableStore } from '../helpers/restartable-server';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/** Each test starts (and kills) server processes: an embedded database takes seconds to open. */
const PROCESS_TEST_TIMEOUT_MS = 120_000;

let store: DurableStore;
let running: ServerProcess | null = null;
let pads: PadClient[] = [];

beforeAll(async () => {
	store = await durableStore();
});
afterEach(() => {
	for (const p of pads) p.destroy();
	pads = [];
});
afterAll(async () => {
	await running?.close();
	await store?.dispose();
});

function pad(server: ServerProcess, room: string, cookie: string): PadClient {
	const client = openPad({ url: server.url, room, cookie });
	pads.push(client);
	return client;
}

/**
 * Asks the server what it has, as a provider does on every (re)connection, and waits for the
 * answer: the server sends it only once every update it has received from us is stored.
 */
async function acknowledged(client: PadClient): Promise<void> {
	const { provider } = client;
	const answered = new Promise<void>((resolve) => {
		const onSync = (synced: boolean) => {
			if (!synced) return;
			provider.off('sync', onSync);
			resolve();
		};
		provider.on('sync', onSync);
	});
	provider.synced = false;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // sync message
	syncProtocol.writeSyncStep1(encoder, client.doc);
	provider.ws!.send(encoding.toUint8Array(encoder));
	await answered;
}

describe('shared documents survive the server being killed', () => {
	it(
		'[collab:durable] every acknowledged edit is there after kill -9 and a restart',
		async () => {
			running = await startServerProcess(store.env);
			const { councilId, cookies } = await running.seed();
			const room = `council/${councilId}`;
			const a = pad(running, room, cookies[0]);
			const b = pad(running, room, cookies[1]);
			await Promise.all([a.synced, b.synced]);

			// Typing: many small updates from two editors, interleaved.
			for (let i = 0; i < 40; i++) {
				const editor = i % 2 ? a : b;
				editor.text.insert(editor.text.length, i % 2 ? `甲${i} ` : `b${i} `);
			}
			await acknowledged(a);
			await acknowledged(b);
			await whenDoc(a.doc, () => a.text.toString() === b.text.toString() && a.text.length > 100);
			const written = a.text.toString();

			await running.kill();
			running = null;
			for (const p of pads) p.destroy();
			pads = [];

			running = await startServerProcess(store.env);
			expect((await running.stored(room)).text).toBe(written);
			const c = pad(running, room, cookies[1]);
			await c.synced;
			await whenDoc(c.doc, () => c.text.toString() === written);
			expect(c.text.toString()).toBe(written);
		},
		PROCESS_TEST_TIMEOUT_MS
	);

	it(
		'[collab:compaction] a document is compacted while editors are still typing, and reads back identical',
		async () => {
			running ??= await startServerProcess(store.env);
			const { councilId, cookies } = await running.seed();
			const room = `council/${councilId}`;
			const a = pad(running, room, cookies[0]);
			const b = pad(running, room, cookies[1]);
			await Promise.all([a.synced, b.synced]);

			// More updates than a compaction waits for (500), each its own message.
			for (let i = 0; i < 620; i++) {
				a.text.insert(i % 7 === 0 ? 0 : a.text.length, String.fromCharCode(0x4e00 + (i % 200)));
				if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
			}
			a.text.delete(3, 10);
			await acknowledged(a);
			await whenDoc(b.doc, () => b.text.toString() === a.text.toString());
			const written = a.text.toString();

			let stored = await running.stored(room);
			for (let i = 0; i < 50 && !stored.hasSnapshot; i++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				stored = await running.stored(room);
			}
			// Compacted with both editors still connected: a snapshot, and fewer rows than updates sent.
			expect(stored.hasSnapshot).toBe(true);
			expect(stored.updates).toBeLessThan(621);
			expect(stored.text).toBe(written);

			// Loading = snapshot + later updates, also after a kill.
			b.text.insert(0, '【修订】');
			await acknowledged(b);
			const revised = b.text.toString();
			await running.kill();
			running = await startServerProcess(store.env);
			expect((await running.stored(room)).text).toBe(revised);
			const c = pad(running, room, cookies[0]);
			await c.synced;
			await whenDoc(c.doc, () => c.text.toString() === revised);
		},
		PROCESS_TEST_TIMEOUT_MS
	);
});
