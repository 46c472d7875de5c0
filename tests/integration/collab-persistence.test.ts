import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Yishi } from '../../server/app';
import { collabRepository, SNAPSHOT_PART_BYTES } from '../../src/lib/server/repositories/collab.repository';
import { openPad, whenDoc, type PadClient } from '../helpers/collab-client';
import { durableStore, startOn, type DurableStore } from '../helpers/restartable-server';
import { fromContext, seedCouncil } from '../helpers/seed';
import { signIn } from '../helpers/test-server';

let store: DurableStore;
let running: Yishi | null = null;
const pads: PadClient[] = [];

beforeAll(async () => {
	store = await durableStore();
});
afterAll(async () => {
	for (const p of pads) p.destroy();
	await running?.close();
	await store?.dispose();
});

async function pad(server: Yishi, userId: string, councilId: string) {
	const cookie = await signIn(server.ctx, userId);
	const client = openPad({ url: server.url, room: `council/${councilId}`, cookie });
	pads.push(client);
	await client.synced;
	return client;
}

describe('shared documents are kept in Postgres', () => {
	it('[collab:durable] text survives a restart, and compaction on the last disconnect keeps it identical', async () => {
		running = await startOn(store);
		const { council, moderator, members } = await seedCouncil(fromContext(running.ctx), ['member']);
		const room = `council/${council.id}`;

		const a = await pad(running, moderator.userId, council.id);
		const b = await pad(running, members[0]!.userId, council.id);
		a.text.insert(0, '共享花园方案：');
		b.text.insert(b.text.length, '每户一块菜地。');
		await whenDoc(a.doc, () => a.text.toString().length === 14);
		await whenDoc(b.doc, () => b.text.toString() === a.text.toString());
		const written = a.text.toString();

		// Closing the server closes both connections: the document is compacted into one snapshot.
		await running.close();
		running = null;
		a.destroy();
		b.destroy();

		running = await startOn(store);
		const stored = await collabRepository(running.ctx.db.sql).load(room);
		expect(stored.snapshot).not.toBeNull();
		expect(stored.updates).toHaveLength(0);

		const c = await pad(running, members[0]!.userId, council.id);
		await whenDoc(c.doc, () => c.text.toString() === written);
		expect(c.text.toString()).toBe(written);

		// Later edits are appended after the snapshot and load back on top of it.
		c.text.insert(c.text.length, '下月表决。');
		await whenDoc(c.doc, () => c.text.toString().endsWith('下月表决。'));
		await new Promise((resolve) => setTimeout(resolve, 300));
		const later = await collabRepository(running.ctx.db.sql).load(room);
		expect(later.updates.length).toBeGreaterThan(0);
	});

	it('[collab:durable] a document larger than a snapshot part is stored in parts and loads back identical', async () => {
		running ??= await startOn(store);
		const { council, moderator } = await seedCouncil(fromContext(running.ctx), []);
		const room = `council/${council.id}`;
		const a = await pad(running, moderator.userId, council.id);
		// About 2.7 MB of UTF-8 in several edits, each under the 2 MiB update limit.
		for (const line of ['一', '二', '三']) a.text.insert(a.text.length, line.repeat(300_000));
		const written = a.text.toString();
		// A second editor holding all of it: the server has it too.
		const b = await pad(running, moderator.userId, council.id);
		await whenDoc(b.doc, () => b.text.length === written.length);

		await running.close(); // the last editors leave: compaction
		running = null;
		a.destroy();
		b.destroy();
		running = await startOn(store);
		const [parts] = await running.ctx.db.sql<{ n: number }[]>`
			select count(*)::int as n from collab_snapshot_part where doc_name = ${room}`;
		expect(parts!.n).toBeGreaterThanOrEqual(Math.ceil((written.length * 3) / SNAPSHOT_PART_BYTES));
		const stored = await collabRepository(running.ctx.db.sql).load(room);
		expect(stored.updates).toHaveLength(0);
		const c = await pad(running, moderator.userId, council.id);
		await whenDoc(c.doc, () => c.text.length === written.length);
		expect(c.text.toString()).toBe(written);
	});
});
