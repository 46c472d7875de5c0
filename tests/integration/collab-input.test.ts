import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect as connectTcp } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { collabRepository } from '../../src/lib/server/repositories/collab.repository';
import { openPad, whenDoc, type PadClient } from '../helpers/collab-client';
import { fromContext, seedCouncil, type Seedable } from '../helpers/seed';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let t: Seedable;
let pads: PadClient[] = [];
let raws: WebSocket[] = [];

beforeAll(async () => {
	server = await startTestServer();
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const p of pads) p.destroy();
	for (const r of raws) r.terminate();
	pads = [];
	raws = [];
});
afterAll(() => server?.close());

const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

/** A y-websocket "update" message around arbitrary bytes, as a provider would frame it. */
function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Two councils, each with a pad that a real provider has written to, and a member's cookie. */
async function twoRooms() {
	const target = await seedCouncil(t, ['member']);
	const other = await seedCouncil(t, ['member']);
	const cookie = await signIn(server.ctx, target.members[0]!.userId);
	const writer = await pad(`council/${target.council.id}`, target.moderator.userId);
	const bystander = await pad(`council/${other.council.id}`, other.moderator.userId);
	await Promise.all([writer.synced, bystander.synced]);
	writer.text.insert(0, '停车收费方案：每月 150 元');
	bystander.text.insert(0, 'Shared garden plan');
	await waitStored(`council/${target.council.id}`, '停车收费方案：每月 150 元');
	await waitStored(`council/${other.council.id}`, 'Shared garden plan');
	return { target, other, cookie, writer, bystander };
}

async function pad(room: string, userId: string): Promise<PadClient> {
	const client = openPad({ url: server.url, room, cookie: await signIn(server.ctx, userId) });
	pads.push(client);
	return client;
}

/** A raw websocket on a room: no provider, so it can send what no provider would. */
function raw(room: string, cookie: string): Promise<WebSocket> {
	const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/${room}`, { headers: { cookie } });
	raws.push(ws);
	ws.on('error', () => {});
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))
	);
}

/** The document as stored in the database (snapshot plus updates), read back into a fresh doc. */
async function storedText(room: string): Promise<string> {
	const stored = await collabRepository(server.ctx.db.sql).load(room);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u.update);
	return doc.getText('pad').toString();
}

async function waitStored(room: string, text: string) {
	for (let i = 0; i < 100 && (await storedText(room)) !== text; i++) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	expect(await storedText(room)).toBe(text);
}

/** Both rooms still take edits from real providers, and their stored text is what was written. */
async function bothRoomsStillWork(rooms: Awaited<ReturnType<typeof twoRooms>>) {
	const { target, other, writer, bystander } = rooms;
	bystander.text.insert(bystander.text.length, ' — approved');
	const late = await pad(`council/${other.council.id}`, other.members[0]!.userId);
	await late.synced;
	await whenDoc(late.doc, () => late.text.toString() === 'Shared garden plan — approved');

	writer.text.insert(writer.text.length, '（草案）');
	const reader = await pad(`council/${target.council.id}`, target.members[0]!.userId);
	await reader.synced;
	await whenDoc(reader.doc, () => reader.text.toString() === '停车收费方案：每月 150 元（草案）');

	await waitStored(`council/${target.council.id}`, '停车收费方案：每月 150 元（草案）');
	await waitStored(`council/${other.council.id}`, 'Shared garden plan — approved');
}

/**
 * Edits of the pad as bytes, by a client that knows nothing of the room (so where the text lands
 * among others' is up to Yjs); each update depends on the one before (same client, next clock).
 */
function editsOf(...inserts: string[]): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (const s of inserts) doc.getText('pad').insert(0, s);
	return updates;
}

/** Opcodes of the complete server frames (unmasked) after an HTTP upgrade answer. */
function opcodes(stream: Buffer): number[] {
	const head = stream.indexOf('\r\n\r\n');
	if (head < 0) return [];
	const found: number[] = [];
	for (let at = head + 4; at + 2 <= stream.length;) {
		const short = stream[at + 1]! & 0x7f;
		const [offset, length] =
			short === 126
				? [4, stream.readUInt16BE(at + 2)]
				: short === 127
					? [10, Number(stream.readBigUInt64BE(at + 2))]
					: [2, short];
		if (at + offset + length > stream.length) break;
		found.push(stream[at]! & 0x0f);
		at += offset + length;
	}
	return found;
}

describe('bad input on a document connection', () => {
	it('[collab:input] a well-formed update sent raw is applied (the frames below differ only in being bad)', async () => {
		const rooms = await twoRooms();
		const ws = await raw(`council/${rooms.target.council.id}`, rooms.cookie);
		const [update] = editsOf('【置顶】');
		ws.send(updateMessage(update!));
		await whenDoc(rooms.writer.doc, () => rooms.writer.text.toString().includes('【置顶】'));
		expect(ws.readyState).toBe(WebSocket.OPEN);
	});

	it.each([
		['random bytes', () => Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])],
		['an update cut in half', () => updateMessage(editsOf('被截断的更新内容')[0]!.slice(0, 12))],
		[
			'an update with garbage inside a valid frame',
			() => updateMessage(Uint8Array.from([1, 9, 200, 7, 7, 7, 1]))
		],
		['an update that depends on content nobody has', () => updateMessage(editsOf('a', 'b')[1]!)],
		['a sync message with trailing bytes', () => Uint8Array.from([...updateMessage(editsOf('x')[0]!), 0, 0])],
		['an unknown sync step', () => Uint8Array.from([0, 9, 0])],
		['malformed presence', () => Uint8Array.from([1, 5, 1, 1, 1, 1, 0x7b])]
	])('[collab:input] %s: closed with 4400, nothing stored, every room keeps working', async (_, frame) => {
		const rooms = await twoRooms();
		const ws = await raw(`council/${rooms.target.council.id}`, rooms.cookie);
		const closed = closeOf(ws);
		ws.send(frame());
		expect((await closed).code).toBe(4400);
		await bothRoomsStillWork(rooms);
	});

	it('[collab:input] a text frame is closed with 1003', async () => {
		const rooms = await twoRooms();
		const ws = await raw(`council/${rooms.target.council.id}`, rooms.cookie);
		const closed = closeOf(ws);
		ws.send('{"type":"update","text":"hello"}');
		expect(await closed).toEqual({ code: 1003, reason: 'text-frame' });
		await bothRoomsStillWork(rooms);
	});

	it('[collab:input] an update above the 2 MiB limit is closed with 1009 and not stored', async () => {
		const rooms = await twoRooms();
		const ws = await raw(`council/${rooms.target.council.id}`, rooms.cookie);
		const closed = closeOf(ws);
		const [big] = editsOf('长'.repeat(900_000)); // ≈ 2.7 MB of UTF-8
		expect(big!.byteLength).toBeGreaterThan(2 * 1024 * 1024);
		ws.send(updateMessage(big!));
		expect(await closed).toEqual({ code: 1009, reason: 'update-too-large' });
		await bothRoomsStillWork(rooms);
	});

	it('[collab:input] a document stops at 32 MiB: the update past it is closed with 4413 and not stored', async () => {
		const rooms = await twoRooms();
		const room = `council/${rooms.target.council.id}`;
		const ws = await raw(room, rooms.cookie);
		const closed = closeOf(ws);
		// 17 updates of 1.9 MB fit under 32 MiB (33,554,432 bytes) with the pad's text; an 18th does not.
		const updates = editsOf(
			...Array.from({ length: 18 }, (_, i) => String.fromCharCode(97 + i).repeat(1_900_000))
		);
		for (const u of updates) ws.send(updateMessage(u));
		expect(await closed).toEqual({ code: 4413, reason: 'document-too-large' });
		const reader = await pad(room, rooms.target.members[0]!.userId);
		await reader.synced;
		const text = reader.text.toString();
		expect(text.length).toBe(17 * 1_900_000 + '停车收费方案：每月 150 元'.length);
		expect(text).not.toContain('r');
		// Small edits still fit, and both the live document and the stored one keep them.
		rooms.writer.text.insert(0, '【续】');
		await whenDoc(reader.doc, () => reader.text.toString().startsWith('【续】'));
		let stored = await storedText(room);
		for (let i = 0; i < 50 && !stored.startsWith('【续】'); i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			stored = await storedText(room);
		}
		expect(stored.length).toBe(text.length + 3);
		expect(stored.startsWith('【续】')).toBe(true);
	}, 120_000);

	it('[collab:input] a frame above the 4 MiB websocket limit is closed with 1009', async () => {
		const rooms = await twoRooms();
		const ws = await raw(`council/${rooms.target.council.id}`, rooms.cookie);
		const closed = closeOf(ws);
		ws.send(new Uint8Array(5 * 1024 * 1024));
		expect((await closed).code).toBe(1009);
		await bothRoomsStillWork(rooms);
	});

	it('[collab:input] an unknown message kind is ignored and the connection stays open', async () => {
		const rooms = await twoRooms();
		const ws = await raw(`council/${rooms.target.council.id}`, rooms.cookie);
		ws.send(Uint8Array.from([7, 1, 2, 3]));
		// A valid edit after it still arrives over the same connection.
		ws.send(updateMessage(editsOf('【续】')[0]!));
		await whenDoc(rooms.writer.doc, () => rooms.writer.text.toString().includes('【续】'));
		expect(ws.readyState).toBe(WebSocket.OPEN);
	});

	it.each([
		['a signed-in member', true],
		['someone the server refuses', false]
	])(
		'[collab:input] a broken websocket frame sent with the upgrade by %s ends only that connection',
		async (_, signedIn) => {
			const rooms = await twoRooms();
			const socket = connectTcp(Number(new URL(server.url).port), '127.0.0.1');
			await new Promise((resolve) => socket.once('connect', resolve));
			// The server answers the upgrade, perhaps sends a sync message, then a close frame (opcode 8).
			let received = Buffer.alloc(0);
			const closing = new Promise<void>((resolve) =>
				socket.on('data', (chunk: Buffer) => {
					received = Buffer.concat([received, chunk]);
					if (opcodes(received).includes(8)) resolve();
				})
			);
			socket.on('error', () => {});
			const upgrade = [
				`GET /collab/council/${rooms.target.council.id} HTTP/1.1`,
				'Host: 127.0.0.1',
				'Upgrade: websocket',
				'Connection: Upgrade',
				'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
				'Sec-WebSocket-Version: 13',
				...(signedIn ? [`Cookie: ${rooms.cookie}`] : []),
				'',
				''
			].join('\r\n');
			// Opcode 3 is reserved: no websocket client sends it.
			socket.write(Buffer.concat([Buffer.from(upgrade), Buffer.from([0x83, 0x80, 1, 2, 3, 4])]));
			await closing;
			socket.destroy();
			await bothRoomsStillWork(rooms);
		}
	);
});
