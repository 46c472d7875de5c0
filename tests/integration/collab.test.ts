import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPad, whenDoc, type PadClient } from '../helpers/collab-client';
import { createUser, fromContext, seedCouncil, type Seedable } from '../helpers/seed';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let t: Seedable;
let pads: PadClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const p of pads) p.destroy();
	pads = [];
});
afterAll(() => server?.close());

/** A pad client on `room` as `userId` (or with no session at all), destroyed after the test. */
async function pad(room: string, userId: string | null): Promise<PadClient> {
	const cookie = userId ? await signIn(server.ctx, userId) : undefined;
	const client = openPad({ url: server.url, room, cookie });
	pads.push(client);
	return client;
}
const roomOf = (councilId: string) => `council/${councilId}`;

/** Resolves once `watcher` has seen presence from `peer` carrying `marker`. */
function seesPresence(watcher: PadClient, peer: PadClient, marker: string): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			if (watcher.provider.awareness.getStates().get(peer.doc.clientID)?.marker !== marker) return;
			watcher.provider.awareness.off('change', check);
			resolve();
		};
		watcher.provider.awareness.on('change', check);
		check();
	});
}

describe('council pad (Yjs)', () => {
	it('[collab:sync] two members’ edits reach each other and the documents converge', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const a = await pad(roomOf(council.id), moderator.userId);
		const b = await pad(roomOf(council.id), members[0]!.userId);
		await Promise.all([a.synced, b.synced]);

		a.text.insert(0, '议程：加装电梯');
		await whenDoc(b.doc, () => b.text.toString() === '议程：加装电梯');
		b.text.insert(b.text.length, '；共享花园');
		await whenDoc(a.doc, () => a.text.toString() === '议程：加装电梯；共享花园');

		// Edits made at the same moment on both sides merge to one text.
		a.text.insert(0, 'A');
		b.text.insert(0, 'B');
		const both = (text: string) => /^(AB|BA)议程/.test(text);
		await Promise.all([
			whenDoc(a.doc, () => both(a.text.toString())),
			whenDoc(b.doc, () => both(b.text.toString()))
		]);
		expect(a.text.toString()).toBe(b.text.toString());
	});

	it('[collab:sync] someone who joins later receives what was written before', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['clerk']);
		const a = await pad(roomOf(council.id), moderator.userId);
		await a.synced;
		a.text.insert(0, '会议纪要');
		const late = await pad(roomOf(council.id), members[0]!.userId);
		await late.synced;
		await whenDoc(late.doc, () => late.text.toString() === '会议纪要');
	});

	it('[collab:auth] a connection without a session is closed with 4401', async () => {
		const { council } = await seedCouncil(t);
		const anonymous = await pad(roomOf(council.id), null);
		expect(await anonymous.closed).toMatchObject({ code: 4401 });
		expect(anonymous.provider.synced).toBe(false);
	});

	it('[collab:auth] someone outside the council is closed with 4403 and receives nothing', async () => {
		const { council, moderator } = await seedCouncil(t);
		const a = await pad(roomOf(council.id), moderator.userId);
		await a.synced;
		a.text.insert(0, 'confidential');
		const outsider = await pad(roomOf(council.id), (await createUser(t)).id);
		expect(await outsider.closed).toMatchObject({ code: 4403 });
		expect(outsider.text.toString()).toBe('');
	});

	it.each([
		['a council id that is not a uuid', 'council/not-a-uuid'],
		['an unknown kind of room', 'meeting/00000000-0000-4000-8000-000000000000'],
		['a path below the council pad', 'council/00000000-0000-4000-8000-000000000000/extra'],
		['no room at all', '']
	])('[collab:room] %s is closed with 4404', async (_, room) => {
		const user = await createUser(t);
		const client = await pad(room, user.id);
		expect(await client.closed).toMatchObject({ code: 4404 });
	});

	it('[collab:read-only] an observer reads the pad but their edits never reach anyone', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['observer', 'member']);
		const [observerMember, member] = members as [(typeof members)[0], (typeof members)[0]];
		const a = await pad(roomOf(council.id), moderator.userId);
		await a.synced;
		a.text.insert(0, 'Agenda');

		const observer = await pad(roomOf(council.id), observerMember.userId);
		await observer.synced;
		await whenDoc(observer.doc, () => observer.text.toString() === 'Agenda');

		observer.text.insert(0, 'FORGED ');
		// Presence still flows; it is sent after the edit, so once it arrives the edit was handled too.
		const presence = seesPresence(a, observer, 'after-edit');
		observer.provider.awareness.setLocalStateField('marker', 'after-edit');
		await presence;
		expect(a.text.toString()).toBe('Agenda');

		// The observer keeps receiving what others write.
		a.text.insert(a.text.length, ' v2');
		await whenDoc(observer.doc, () => observer.text.toString().endsWith('Agenda v2'));

		// And the server's copy never took the edit: a member joining now sees none of it.
		const late = await pad(roomOf(council.id), member.userId);
		await late.synced;
		await whenDoc(late.doc, () => late.text.toString() === 'Agenda v2');
	});

	it('[collab:revoke] revoking a member closes their pad connection with 4403', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const b = await pad(roomOf(council.id), members[0]!.userId);
		await b.synced;
		await server.ctx.services.members.revoke(moderator.userId, council.id, members[0]!.memberId);
		expect(await b.closed).toEqual({ code: 4403, reason: 'access-revoked' });
	});
});
