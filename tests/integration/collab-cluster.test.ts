import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPad, whenDoc, type PadClient } from '../helpers/collab-client';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

// Several instances share one Postgres server; the embedded database is one process by design.
// Each instance runs in a process of its own: y-websocket keeps its documents in module state,
// so two instances in one process would share them and converge without any relay.
describe.runIf(!!process.env.DATABASE_URL)('shared documents across two instances', () => {
	let db: TestDatabase;
	let a: ServerProcess;
	let b: ServerProcess;
	let pads: PadClient[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
		[a, b] = await Promise.all([
			startServerProcess({ DATABASE_URL: db.url! }),
			startServerProcess({ DATABASE_URL: db.url! })
		]);
	});
	afterEach(() => {
		for (const p of pads) p.destroy();
		pads = [];
	});
	afterAll(async () => {
		await Promise.all([a?.close(), b?.close()]);
		await db?.close();
	});

	function pad(server: ServerProcess, room: string, cookie: string): PadClient {
		const client = openPad({ url: server.url, room, cookie });
		pads.push(client);
		return client;
	}

	it('[collab:cluster] an editor on instance A and one on instance B converge, with nothing echoed', async () => {
		const { councilId, cookies } = await a.seed();
		const room = `council/${councilId}`;
		const onA = pad(a, room, cookies[0]);
		const onB = pad(b, room, cookies[1]);
		await Promise.all([onA.synced, onB.synced]);

		onA.text.insert(0, '电梯加装方案');
		await whenDoc(onB.doc, () => onB.text.toString() === '电梯加装方案');
		onB.text.insert(onB.text.length, '：一楼住户意见');
		await whenDoc(onA.doc, () => onA.text.toString() === '电梯加装方案：一楼住户意见');

		// Both type at once, many small updates each.
		for (let i = 0; i < 60; i++) {
			onA.text.insert(i % 3 ? onA.text.length : 0, 'a');
			onB.text.insert(i % 4 ? onB.text.length : 0, '乙');
		}
		const full = '电梯加装方案：一楼住户意见'.length + 120;
		await Promise.all([
			whenDoc(onA.doc, () => onA.text.length === full, 10_000),
			whenDoc(onB.doc, () => onB.text.length === full, 10_000)
		]);
		expect(onA.text.toString()).toBe(onB.text.toString());

		// Each update is stored once: relayed updates are not appended again by the other instance.
		const [row] = await db.sql<{ count: string }[]>`
			select count(*)::text as count from collab_update where doc_name = ${room}`;
		expect(Number(row!.count)).toBeLessThanOrEqual(122);
		expect((await b.stored(room)).text).toBe(onA.text.toString());

		// Someone joining on B later gets everything typed on A.
		const late = pad(b, room, cookies[1]);
		await late.synced;
		await whenDoc(late.doc, () => late.text.toString() === onA.text.toString());

		// A's last editor leaves, so A compacts (folding in rows B appended) while B's editors type on.
		onA.destroy();
		for (let i = 0; i < 30; i++) onB.text.insert(onB.text.length, '丙');
		await whenDoc(late.doc, () => late.text.length === full + 30);
		const again = pad(a, room, cookies[0]);
		await again.synced;
		await whenDoc(again.doc, () => again.text.toString() === onB.text.toString());
		expect((await a.stored(room)).text).toBe(onB.text.toString());
	}, 60_000);
});
