import * as Y from 'yjs';
import { docs as liveDocs } from '@y/websocket-server/utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_STATUS } from '../../src/lib/protocol/collab';
import { versionHash } from '../../src/lib/domain/documents/version-hash';
import { docFromState, renderDocument } from '../../src/lib/server/documents/document-content';
import { openPad, whenDoc, type PadClient } from '../helpers/collab-client';
import { createMeeting, fromContext, seedCouncil, type Seedable } from '../helpers/seed';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { SNAPSHOT_STATE } from '../../src/lib/server/repositories/collab.repository';

let server: TestServer;
let t: Seedable;
let clients: PadClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const c of clients) c.destroy();
	clients = [];
});
afterAll(() => server?.close());

const docs = () => server.ctx.services.documents;

async function open(room: string, userId: string): Promise<PadClient> {
	const client = openPad({ url: server.url, room, cookie: await signIn(server.ctx, userId) });
	clients.push(client);
	return client;
}

/** Appends a paragraph as the TipTap editor would store it. */
function writeParagraph(doc: Y.Doc, text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment('content').push([p]);
}
const content = (doc: Y.Doc) =>
	doc
		.getXmlFragment('content')
		.toArray()
		.map((p) =>
			(p as Y.XmlElement)
				.toArray()
				.map((x) => (x as Y.XmlText).toJSON())
				.join('')
		)
		.join('\n');

/** Resolves once `watcher` sees `marker` in `peer`'s presence: sent after an edit, so the edit was handled. */
function seesPresence(watcher: PadClient, peer: PadClient, marker: string): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			if (watcher.provider.awareness.getStates().get(peer.doc.clientID)?.marker !== marker) return;
			watcher.provider.awareness.off('change', check);
			resolve();
		};
		watcher.provider.awareness.on('change', check);
		peer.provider.awareness.setLocalStateField('marker', marker);
		check();
	});
}

async function seedDocument(roles: Parameters<typeof seedCouncil>[1] = []) {
	const seeded = await seedCouncil(t, roles);
	const created = await docs().create(seeded.moderator.userId, seeded.council.id, { title: '停车收费方案' });
	if (!created.ok) throw new Error(created.error.code);
	return { ...seeded, documentId: created.value, room: `document/${created.value}` };
}

describe('proposal documents', () => {
	it('[document:sync] two editors converge on a proposal document', async () => {
		const { moderator, members, room } = await seedDocument(['member']);
		const a = await open(room, moderator.userId);
		const b = await open(room, members[0]!.userId);
		await Promise.all([a.synced, b.synced]);
		writeParagraph(a.doc, '地面车位每月100元');
		await whenDoc(b.doc, () => content(b.doc) === '地面车位每月100元');
		writeParagraph(b.doc, '访客两小时内免费');
		await whenDoc(a.doc, () => content(a.doc).endsWith('访客两小时内免费'));
		expect(content(a.doc)).toBe(content(b.doc));
	});

	it('[document:offline] edits made while disconnected merge with the others’ on reconnect', async () => {
		const { moderator, members, room } = await seedDocument(['member']);
		const a = await open(room, moderator.userId);
		const b = await open(room, members[0]!.userId);
		await Promise.all([a.synced, b.synced]);
		b.provider.disconnect();
		writeParagraph(b.doc, '离线时写的');
		writeParagraph(a.doc, '在线时写的');
		b.provider.connect();
		const both = (doc: Y.Doc) => ['离线时写的', '在线时写的'].every((p) => content(doc).includes(p));
		await Promise.all([whenDoc(a.doc, () => both(a.doc)), whenDoc(b.doc, () => both(b.doc))]);
		expect(content(a.doc)).toBe(content(b.doc));
	});

	it('[document:read-only] an observer reads the document but their update is dropped', async () => {
		const { moderator, members, room } = await seedDocument(['observer']);
		const a = await open(room, moderator.userId);
		await a.synced;
		writeParagraph(a.doc, 'Fee schedule');
		const observer = await open(room, members[0]!.userId);
		await observer.synced;
		await whenDoc(observer.doc, () => content(observer.doc) === 'Fee schedule');
		writeParagraph(observer.doc, 'FORGED');
		await seesPresence(a, observer, 'after-forgery');
		expect(content(a.doc)).toBe('Fee schedule');
	});

	it('[document:lock] a locked document drops an editor’s writes; unlocking lets them through live', async () => {
		const { moderator, members, room, documentId } = await seedDocument(['member', 'member']);
		const a = await open(room, moderator.userId);
		const editor = await open(room, members[0]!.userId);
		const rogue = await open(room, members[1]!.userId);
		await Promise.all([a.synced, editor.synced, rogue.synced]);

		expect((await docs().lock(moderator.userId, documentId)).ok).toBe(true);
		// The editors are told (their editor turns read-only) …
		await whenDoc(editor.doc, () => editor.doc.getMap(DOCUMENT_STATUS).get('locked') === true);
		// … but the server refuses whatever a client sends regardless, even from the moderator.
		writeParagraph(rogue.doc, 'while locked');
		writeParagraph(a.doc, 'moderator while locked');
		await seesPresence(editor, rogue, 'after-locked-edit');
		await seesPresence(editor, a, 'after-locked-edit');
		expect(content(editor.doc)).toBe('');
		rogue.destroy();

		expect((await docs().unlock(moderator.userId, documentId)).ok).toBe(true);
		await whenDoc(editor.doc, () => editor.doc.getMap(DOCUMENT_STATUS).get('locked') === false);
		writeParagraph(editor.doc, 'after unlock');
		await whenDoc(a.doc, () => content(a.doc).includes('after unlock'));
		expect(content(editor.doc)).toBe('after unlock');
		expect(content(a.doc).split('\n')).not.toContain('while locked');
	});

	it('[document:lock] a lock relayed inside the document is enforced; an editor setting the flag is overruled', async () => {
		const { moderator, members, room } = await seedDocument(['member']);
		const a = await open(room, moderator.userId);
		const editor = await open(room, members[0]!.userId);
		await Promise.all([a.synced, editor.synced]);

		// A client cannot lock (or unlock) by writing the flag: the server puts it back.
		editor.doc.getMap(DOCUMENT_STATUS).set('locked', true);
		await whenDoc(editor.doc, () => editor.doc.getMap(DOCUMENT_STATUS).get('locked') === false);
		writeParagraph(editor.doc, 'still writable');
		await whenDoc(a.doc, () => content(a.doc) === 'still writable');

		// The same flag arriving from elsewhere (another instance's relay) locks this instance too.
		const serverDoc = liveDocs.get(room)!;
		serverDoc.transact(() => serverDoc.getMap(DOCUMENT_STATUS).set('locked', true), 'relay');
		await whenDoc(editor.doc, () => editor.doc.getMap(DOCUMENT_STATUS).get('locked') === true);
		writeParagraph(editor.doc, 'refused');
		await seesPresence(a, editor, 'after-relayed-lock');
		expect(content(a.doc)).toBe('still writable');
	});

	it('[document:freeze] open editors hear of a frozen version; an editor cannot announce one itself', async () => {
		const { moderator, members, room, documentId } = await seedDocument(['member']);
		const a = await open(room, moderator.userId);
		const editor = await open(room, members[0]!.userId);
		await Promise.all([a.synced, editor.synced]);
		const latest = (c: PadClient) => c.doc.getMap(DOCUMENT_STATUS).get('latestVersion');

		// A forged announcement would have every open page fetch its versions: the server takes it back.
		editor.doc.getMap(DOCUMENT_STATUS).set('latestVersion', 'forged');
		await whenDoc(editor.doc, () => latest(editor) === undefined);

		const first = await docs().freezeVersion({
			actorId: moderator.userId,
			documentId,
			name: '第一稿',
			meetingId: null
		});
		if (!first.ok) throw new Error(first.error.code);
		await whenDoc(editor.doc, () => latest(editor) === first.value.versionId);
		editor.doc.getMap(DOCUMENT_STATUS).set('latestVersion', 'forged');
		await whenDoc(editor.doc, () => latest(editor) === first.value.versionId);
		await whenDoc(a.doc, () => latest(a) === first.value.versionId);
		expect(latest(editor)).toBe(first.value.versionId);
	});

	it('[document:lock] only moderators and clerks lock; a member is refused', async () => {
		const { members, documentId } = await seedDocument(['member', 'clerk']);
		expect(await docs().lock(members[0]!.userId, documentId)).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		expect((await docs().lock(members[1]!.userId, documentId)).ok).toBe(true);
	});

	it('[document:freeze] freezing stores the rendered HTML, text and its SHA-256; versions list it', async () => {
		const { council, moderator, room, documentId } = await seedDocument();
		const a = await open(room, moderator.userId);
		await a.synced;
		writeParagraph(a.doc, '停车收费方案');
		writeParagraph(a.doc, '地面车位每月100元');
		// Writes are appended as they arrive; wait until the stored document has both paragraphs.
		await expect
			.poll(async () => (await stored(documentId)).includes('每月100元'), { timeout: 5_000 })
			.toBe(true);
		const meeting = await createMeeting(t, council.id);
		const frozen = await docs().freezeVersion({
			actorId: moderator.userId,
			documentId,
			name: '第一稿',
			meetingId: meeting.id
		});
		expect(frozen.ok).toBe(true);
		if (!frozen.ok) return;
		expect(frozen.value).toMatchObject({
			documentId,
			name: '第一稿',
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
		});

		const version = await docs().version(moderator.userId, documentId, frozen.value.versionId);
		expect(version.ok && version.value).toMatchObject({
			html: '<p>停车收费方案</p><p>地面车位每月100元</p>',
			plainText: '停车收费方案\n地面车位每月100元',
			sha256: frozen.value.sha256,
			meetingId: meeting.id
		});
		// Anyone can recompute the hash from the stored HTML, and the stored Yjs state renders the same.
		if (!version.ok) return;
		expect(await versionHash(version.value.html)).toBe(frozen.value.sha256);
		expect((await renderDocument(docFromState(version.value.state))).sha256).toBe(frozen.value.sha256);

		const list = await docs().versions(moderator.userId, documentId);
		expect(list.ok && list.value.map((v) => v.name)).toEqual(['第一稿']);
	});

	it('[document:freeze] a member may not freeze; a meeting of another council is refused', async () => {
		const { moderator, members, documentId } = await seedDocument(['member']);
		const other = await seedCouncil(t);
		const meeting = await createMeeting(t, other.council.id);
		expect(
			await docs().freezeVersion({ actorId: members[0]!.userId, documentId, name: 'v', meetingId: null })
		).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(
			await docs().freezeVersion({ actorId: moderator.userId, documentId, name: 'v', meetingId: meeting.id })
		).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
	});

	it('[document:amend] an accepted amendment changes the living document for connected editors, and open pages hear of it and its decision', async () => {
		const { moderator, members, room, documentId } = await seedDocument(['member']);
		const a = await open(room, moderator.userId);
		await a.synced;
		writeParagraph(a.doc, '地面车位每月收费100元，由物业公司收取。');
		await expect
			.poll(async () => (await stored(documentId)).includes('100元'), { timeout: 5_000 })
			.toBe(true);
		const frozen = await docs().freezeVersion({
			actorId: moderator.userId,
			documentId,
			name: 'v1',
			meetingId: null
		});
		if (!frozen.ok) throw new Error(frozen.error.code);

		const member = members[0]!.userId;
		const bad = await docs().proposeAmendment(member, documentId, {
			baseVersionId: frozen.value.versionId,
			passage: '每年',
			replacement: '每月',
			rationale: ''
		});
		expect(bad).toMatchObject({ ok: false, error: { code: 'passage-not-found' } });
		const proposed = await docs().proposeAmendment(member, documentId, {
			baseVersionId: frozen.value.versionId,
			passage: '100元',
			replacement: '80元',
			rationale: '周边小区均为80元'
		});
		if (!proposed.ok) throw new Error(proposed.error.code);
		// Open pages hear of it, and of its decision below, as of a frozen version; nobody forges it.
		const news = () => a.doc.getMap(DOCUMENT_STATUS).get('latestAmendment');
		await whenDoc(a.doc, () => news() === `${proposed.value}:proposed`);
		a.doc.getMap(DOCUMENT_STATUS).set('latestAmendment', 'forged:accepted');
		await whenDoc(a.doc, () => news() === `${proposed.value}:proposed`);
		const listed = await docs().amendments(member, documentId);
		expect(listed.ok && listed.value[0]).toMatchObject({
			authorId: member,
			status: 'proposed',
			replacement: '80元'
		});

		expect(
			await docs().decideAmendment(member, documentId, { amendmentId: proposed.value, decision: 'accept' })
		).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const accepted = await docs().decideAmendment(moderator.userId, documentId, {
			amendmentId: proposed.value,
			decision: 'accept'
		});
		expect(accepted).toMatchObject({ ok: true, value: { status: 'accepted' } });
		await whenDoc(a.doc, () => content(a.doc) === '地面车位每月收费80元，由物业公司收取。');
		await whenDoc(a.doc, () => news() === `${proposed.value}:accepted`);
		expect(
			await docs().decideAmendment(moderator.userId, documentId, {
				amendmentId: proposed.value,
				decision: 'reject'
			})
		).toMatchObject({ ok: false, error: { code: 'amendment-decided' } });
	});

	it('[collab:room] meeting notes: the council reads, clerks and moderators write, members are read-only', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['clerk', 'member']);
		const meeting = await createMeeting(t, council.id);
		const room = `meeting-notes/${meeting.id}`;
		const clerk = await open(room, members[0]!.userId);
		const member = await open(room, members[1]!.userId);
		const outsider = await open(room, (await seedCouncil(t)).moderator.userId);
		await Promise.all([clerk.synced, member.synced]);
		expect(await outsider.closed).toMatchObject({ code: 4403 });

		clerk.doc.getXmlFragment('item-1').push([new Y.XmlText('会议开始')]);
		await whenDoc(member.doc, () => member.doc.getXmlFragment('item-1').length === 1);
		member.doc.getXmlFragment('item-1').push([new Y.XmlText('FORGED')]);
		await seesPresence(clerk, member, 'after-member-edit');
		expect(clerk.doc.getXmlFragment('item-1').length).toBe(1);

		const mod = await open(room, moderator.userId);
		await mod.synced;
		await whenDoc(mod.doc, () => mod.doc.getXmlFragment('item-1').length === 1);
	});

	it('[collab:room] a document room for an unknown document or another council is refused with 4403', async () => {
		const { moderator } = await seedCouncil(t);
		const { room } = await seedDocument();
		const unknown = await open('document/00000000-0000-4000-8000-000000000000', moderator.userId);
		const foreign = await open(room, moderator.userId);
		expect(await unknown.closed).toMatchObject({ code: 4403 });
		expect(await foreign.closed).toMatchObject({ code: 4403 });
	});
});

/** The living document as stored in the database, as plain text. */
async function stored(documentId: string): Promise<string> {
	const parts = await server.ctx.db.sql<{ update: Buffer }[]>`
		select update from collab_update where doc_name = ${'document/' + documentId}
		union all select ${server.ctx.db.sql.unsafe(SNAPSHOT_STATE)} from collab_snapshot s
		where doc_name = ${'document/' + documentId}`;
	const doc = new Y.Doc();
	for (const p of parts) Y.applyUpdate(doc, new Uint8Array(p.update));
	return content(doc);
}
