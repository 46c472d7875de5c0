import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { RecordedFact } from '../../src/lib/domain/meeting/meeting-events';
import { chainBatch, eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { firstBrokenSeq } from '../../src/lib/server/event-log/event-hash';
import { meetingRoomService } from '../../src/lib/server/services/meeting-room.service';
import { CROWD_ANNOUNCE_GAP_MS } from '../../server/realtime/meeting.handlers';
import {
	agendaItem,
	folded,
	MeetingClient,
	newCommandId,
	range,
	seedMeeting,
	seqs
} from '../helpers/meeting-client';
import { createUser, fromContext, type Seedable } from '../helpers/seed';
import { emitRaw, emitWithAck } from '../helpers/socket-client';
import { unpackSnapshot } from '../../src/lib/protocol/snapshot-packing';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let t: Seedable;
let clients: MeetingClient[] = [];

beforeAll(async () => {
	server = await startTestServer({ demo: true });
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const c of clients) c.close();
	clients = [];
});
afterAll(() => server?.close());

/** A connected client for `userId` on `meetingId`, closed after the test. */
async function clientFor(userId: string, meetingId: string): Promise<MeetingClient> {
	const client = await MeetingClient.as({ url: server.url, ctx: server.ctx, userId, meetingId });
	clients.push(client);
	return client;
}

const head = async (meetingId: string) => (await eventLogRepository(t.sql).head(meetingId)).seq;
const logOf = (meetingId: string) => eventLogRepository(t.sql).readSince(meetingId, 0);
const checkIn = (memberId: string, mode: 'remote' | 'in-person' = 'remote'): MeetingCommand => ({
	type: 'attendance:check-in',
	memberId,
	mode
});
const leave = (memberId: string): MeetingCommand => ({ type: 'attendance:leave', memberId });
const OPEN: MeetingCommand = { type: 'meeting:open' };
const NEXT: MeetingCommand = { type: 'agenda:next' };

/** A socket's queue to the server is in order: after this round trip, anything emitted to it earlier has arrived. */
/** Past any broadcast due: crowd facts (check-ins, ballots) may wait CROWD_ANNOUNCE_GAP_MS to be gathered. */
async function settle(client: MeetingClient) {
	await new Promise((resolve) => setTimeout(resolve, CROWD_ANNOUNCE_GAP_MS));
	return emitWithAck(client.socket, 'ping', {});
}

async function demoJinghu() {
	const [meeting] = await t.sql<{ id: string }[]>`
		select m.id from meeting m join council c on c.id = m.council_id where c.slug = 'jinghu-elders'
		order by m.starts_at desc limit 1`;
	const people = await t.sql<{ key: string; userId: string; memberId: string }[]>`
		select split_part(u.email, '@', 1) as key, u.id as user_id, m.id as member_id
		from users u join council_member m on m.user_id = u.id join council c on c.id = m.council_id
		where c.slug = 'jinghu-elders'`;
	const person = (email: string) => people.find((p) => p.key === email)!;
	return {
		meetingId: meeting!.id,
		moderator: person('wang.defu'),
		sun: person('sun.weidong'),
		chen: person('chen.agen'),
		lin: person('lin.haisheng'),
		hu: person('hu.baokang')
	};
}

describe('live meeting room', () => {
	it('[meeting:snapshot-packed] a join’s snapshot crosses as one packed binary attachment that unpacks to the room’s state', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		const join = () => emitWithAck(moderator.socket, 'meeting:join', { meetingId: m.meetingId });
		const [first, second] = [await join(), await join()];
		if (!first.ok || !second.ok) throw new Error('join refused');
		// Binary (a Buffer in Node, an ArrayBuffer in a browser), not an object socket.io re-encodes per joiner.
		expect(first.value.snapshot).toBeInstanceOf(Uint8Array);
		const room = await server.ctx.services.meetingRooms.join(m.moderator.userId, m.meetingId);
		if (!room.ok) throw new Error('join refused');
		const unpacked = unpackSnapshot(first.value.snapshot!);
		expect(unpacked).toStrictEqual(JSON.parse(JSON.stringify(room.value.state)));
		expect(unpacked.seq).toBe(first.value.seq);
		expect(Buffer.from(second.value.snapshot as Uint8Array)).toEqual(
			Buffer.from(first.value.snapshot as Uint8Array)
		);
		await moderator.run(agendaItem('楼道堆物清理'));
		const after = await join();
		if (!after.ok) throw new Error('join refused');
		expect(unpackSnapshot(after.value.snapshot!).agenda.map((i) => i.title)).toEqual([
			...unpacked.agenda.map((i) => i.title),
			'楼道堆物清理'
		]);
	});

	it('[meeting:realtime] every client sees the moderator’s facts in seq order without gaps, and folding them gives the state a fresh join returns', async () => {
		const j = await demoJinghu();
		const moderator = await clientFor(j.moderator.userId, j.meetingId);
		const chen = await clientFor(j.chen.userId, j.meetingId);
		const lin = await clientFor(j.lin.userId, j.meetingId);
		const [atJoinChen, atJoinLin] = [await chen.joined(), await lin.joined()];
		await moderator.joined();
		// The demo's agenda is in the record already: five items at seq 1…5.
		expect(atJoinChen.seq).toBe(5);
		expect(atJoinChen.snapshot!.agenda).toHaveLength(5);
		expect(atJoinChen.actor).toMatchObject({
			userId: j.chen.userId,
			role: 'member',
			memberId: j.chen.memberId
		});

		const acked: RecordedFact[] = [];
		for (const command of [
			agendaItem('小区电动车充电桩'),
			agendaItem('垃圾分类督导员排班', { kind: 'decision', minutes: 15 }),
			OPEN,
			checkIn(j.moderator.memberId, 'in-person'),
			checkIn(j.sun.memberId, 'in-person'),
			NEXT,
			NEXT
		]) {
			acked.push(...(await moderator.run(command)));
		}
		// Members check themselves in online; the fourth voter of six brings quorum.
		acked.push(...(await chen.run(checkIn(j.chen.memberId))));
		acked.push(...(await lin.run(checkIn(j.lin.memberId))));
		acked.push(...(await moderator.run(NEXT)));

		const last = acked.at(-1)!.seq;
		expect(seqs(acked)).toEqual(range(6, last));
		expect(acked.map((f) => f.type)).toContain('quorum:reached');
		for (const client of [chen, lin, moderator]) {
			await client.waitForSeq(last);
			expect(seqs(client.received)).toEqual(range(6, last));
			expect(client.received).toEqual(acked);
		}

		const fresh = await chen.state();
		expect(fresh.seq).toBe(last);
		expect(folded(atJoinChen.snapshot!, chen.received)).toStrictEqual(fresh);
		expect(folded(atJoinLin.snapshot!, lin.received)).toStrictEqual(await lin.state());
		expect(fresh).toMatchObject({ status: 'open', quorum: { met: true } });
		expect(fresh.agenda).toHaveLength(7);
		expect(fresh.currentItemId).toBe(fresh.agenda[2]!.id);
		expect(fresh.agenda.slice(0, 3).map((i) => i.status)).toEqual(['done', 'done', 'in-progress']);
	});
});

describe('who may do what in the room', () => {
	it('[meeting:authorise] a plain member may join but not open the meeting, advance or edit the agenda', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		const member = await clientFor(m.members[0]!.userId, m.meetingId);
		await moderator.run(agendaItem('议题一'));
		await moderator.run(agendaItem('议题二'));
		expect((await member.joined()).actor).toMatchObject({ role: 'member', memberId: m.members[0]!.memberId });

		expect(await member.command(OPEN)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		await moderator.run(OPEN);
		const before = await head(m.meetingId);
		for (const command of [
			NEXT,
			{ type: 'meeting:adjourn' } as const,
			agendaItem('我的议题'),
			checkIn(m.moderator.memberId)
		]) {
			expect(await member.command(command)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}
		expect(await head(m.meetingId)).toBe(before);
		expect((await member.state()).currentItemId).toBeNull();
	});

	it('[meeting:authorise] someone outside the council, or no longer in it, cannot join or command (not-found), nor learn the meeting exists', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		await moderator.run(agendaItem('内部议题'));
		const outsider = await clientFor((await createUser(t)).id, m.meetingId);
		expect(await outsider.join()).toMatchObject({ ok: false, error: { code: 'not-found' } });
		expect(await outsider.command(OPEN)).toMatchObject({ ok: false, error: { code: 'not-found' } });

		const nowhere = await clientFor(m.moderator.userId, randomUUID());
		expect(await nowhere.join()).toMatchObject({ ok: false, error: { code: 'not-found' } });

		const revoked = await clientFor(m.members[0]!.userId, m.meetingId);
		await revoked.joined();
		expect(
			(await server.ctx.services.members.revoke(m.moderator.userId, m.councilId, m.members[0]!.memberId)).ok
		).toBe(true);
		expect(await revoked.join()).toMatchObject({ ok: false, error: { code: 'not-found' } });
		expect(await revoked.command(checkIn(m.members[0]!.memberId))).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});

		// A refused outsider is never put in the room: the moderator's next fact does not reach them.
		await moderator.run(OPEN);
		await settle(outsider);
		expect(outsider.received).toEqual([]);
	});

	it('[meeting:authorise] an observer joins, reads the state and follows live, but cannot run the meeting', async () => {
		const m = await seedMeeting(t, ['observer']);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		const observer = await clientFor(m.members[0]!.userId, m.meetingId);
		await moderator.run(agendaItem('公开议题'));

		const joined = await observer.joined();
		expect(joined.actor.role).toBe('observer');
		expect(joined.snapshot!.agenda.map((i) => i.title)).toEqual(['公开议题']);

		const opened = await moderator.run(OPEN);
		await observer.waitForSeq(opened.at(-1)!.seq);
		expect(observer.receivedAfter(joined.seq)).toEqual(opened);
		for (const command of [NEXT, agendaItem('观察员议题')]) {
			expect(await observer.command(command)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}
		expect(await head(m.meetingId)).toBe(opened.at(-1)!.seq);
	});
});

describe('malformed input', () => {
	let m: Awaited<ReturnType<typeof seedMeeting>>;
	let moderator: MeetingClient;

	const valid = (commandId = newCommandId()) => ({
		meetingId: m.meetingId,
		commandId,
		command: agendaItem('正常议题')
	});

	beforeAll(async () => {
		m = await seedMeeting(t, []);
	});

	it.each<[string, unknown[]]>([
		['a command without commandId', [{ command: OPEN }]],
		['a null meeting id', [{ meetingId: null, commandId: newCommandId(), command: OPEN }]],
		['a commandId too short to be unique', [{ commandId: 'x', command: OPEN }]],
		['an unknown command type', [{ commandId: newCommandId(), command: { type: 'meeting:explode' } }]],
		['a command with no type', [{ commandId: newCommandId(), command: {} }]],
		[
			'a field of the wrong type',
			[{ commandId: newCommandId(), command: { ...agendaItem('x'), itemId: 42 } }]
		],
		[
			'planned minutes that are not a number',
			[
				{
					commandId: newCommandId(),
					command: { ...agendaItem('x'), fields: { title: 'x', plannedMinutes: 'lots', kind: 'discussion' } }
				}
			]
		],
		[
			'a member id that is not a uuid',
			[
				{
					commandId: newCommandId(),
					command: { type: 'attendance:check-in', memberId: "1' or 1=1", mode: 'remote' }
				}
			]
		],
		['an unknown extra field', [{ commandId: newCommandId(), command: OPEN, admin: true }]],
		[
			'a meeting id that is not a uuid',
			[{ meetingId: 'meeting-1', commandId: newCommandId(), command: OPEN }]
		],
		['a string instead of an object', ['meeting:open']],
		['a number instead of an object', [42]],
		['null', [null]],
		['an array', [[OPEN]]]
	])(
		'[meeting:bad-input] %s is answered with invalid-input, and the next valid command works',
		async (_, args) => {
			moderator = await clientFor(m.moderator.userId, m.meetingId);
			const withMeeting = args.map((a) =>
				a && typeof a === 'object' && !Array.isArray(a) && !('meetingId' in a)
					? { meetingId: m.meetingId, ...a }
					: a
			);
			const before = await head(m.meetingId);
			expect(await emitRaw(moderator.socket, 'meeting:command', withMeeting)).toMatchObject({
				ok: false,
				error: { code: 'invalid-input' }
			});
			expect(await head(m.meetingId)).toBe(before);
			const answer = await emitWithAck(moderator.socket, 'meeting:command', valid());
			expect(answer).toMatchObject({
				ok: true,
				value: { events: [{ seq: before + 1, type: 'agenda:item-add' }] }
			});
			expect(moderator.socket.connected).toBe(true);
		}
	);

	it.each<[string, unknown]>([
		['no meeting id', {}],
		['a negative since', { since: -1 }],
		['a since that is not a number', { since: '3' }],
		['an unknown extra field', { since: 0, as: 'moderator' }]
	])('[meeting:bad-input] a join with %s is answered with invalid-input', async (_, payload) => {
		moderator = await clientFor(m.moderator.userId, m.meetingId);
		const withMeeting =
			typeof payload === 'object' && payload && Object.keys(payload).length
				? { meetingId: m.meetingId, ...payload }
				: payload;
		expect(await emitRaw(moderator.socket, 'meeting:join', [withMeeting])).toMatchObject({
			ok: false,
			error: { code: 'invalid-input' }
		});
		expect((await moderator.joined()).seq).toBe(await head(m.meetingId));
	});

	it('[meeting:bad-input] events without an acknowledgement callback do no harm; a valid one still acts and is broadcast', async () => {
		moderator = await clientFor(m.moderator.userId, m.meetingId);
		const watcher = await clientFor(m.moderator.userId, m.meetingId);
		await watcher.joined();
		const before = await head(m.meetingId);
		const raw = moderator.socket as unknown as { emit(event: string, ...args: unknown[]): void };
		raw.emit('meeting:command');
		raw.emit('meeting:command', { meetingId: m.meetingId, command: OPEN });
		raw.emit('meeting:command', 'garbage');
		raw.emit('meeting:join', { meetingId: 'nope' });
		raw.emit('meeting:command', valid());
		await watcher.waitForSeq(before + 1);
		expect(seqs(watcher.receivedAfter(before))).toEqual([before + 1]);
		expect(await head(m.meetingId)).toBe(before + 1);
		expect(await moderator.command(agendaItem('之后的议题'))).toMatchObject({
			ok: true,
			value: { events: [{ seq: before + 2 }] }
		});
	});
});

describe('retries', () => {
	it('[meeting:idempotent] the same check-in sent twice under one commandId is recorded once; both answers carry the same facts', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		const member = await clientFor(m.members[0]!.userId, m.meetingId);
		await moderator.joined();
		await moderator.run(OPEN);
		await member.joined();
		const before = await head(m.meetingId);

		const commandId = newCommandId();
		const first = await member.command(checkIn(m.members[0]!.memberId), commandId);
		const again = await member.command(checkIn(m.members[0]!.memberId), commandId);
		expect(first).toMatchObject({
			ok: true,
			value: { events: [{ seq: before + 1, type: 'attendance:check-in' }] }
		});
		expect(again).toEqual(first);
		// As after a lost acknowledgement and a reconnect: a new socket, the same commandId.
		const retab = await clientFor(m.members[0]!.userId, m.meetingId);
		expect(await retab.command(checkIn(m.members[0]!.memberId), commandId)).toEqual(first);
		expect(await head(m.meetingId)).toBe(before + 1);
		// Retries are answered from the room's memory; once the room is let go, from the log, alike.
		expect(await server.ctx.services.meetingRooms.evictIdle(0)).toBeGreaterThan(0);
		expect(await retab.command(checkIn(m.members[0]!.memberId), commandId)).toEqual(first);
		expect(await head(m.meetingId)).toBe(before + 1);

		// Already checked in: a new commandId decides again, finds nothing to do and records nothing.
		const heardBefore = moderator.received.length;
		expect(await member.command(checkIn(m.members[0]!.memberId))).toEqual({
			ok: true,
			value: { events: [] }
		});
		expect(await head(m.meetingId)).toBe(before + 1);
		await settle(moderator);
		expect(moderator.received.slice(heardBefore).filter((f) => f.seq > before + 1)).toEqual([]);
		// The retries were answered to their sender only: the room heard the check-in once.
		expect(seqs(moderator.received)).toEqual(range(1, before + 1));
	});

	it('[meeting:idempotent] an agenda item sent twice at once under one commandId is added once', async () => {
		const m = await seedMeeting(t, []);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		const otherTab = await clientFor(m.moderator.userId, m.meetingId);
		const watcher = await clientFor(m.moderator.userId, m.meetingId);
		await watcher.joined();
		const command = agendaItem('只加一次');
		const commandId = newCommandId();
		const answers = await Promise.all([
			moderator.command(command, commandId),
			otherTab.command(command, commandId),
			moderator.command(command, commandId)
		]);
		expect(answers[0]).toMatchObject({ ok: true, value: { events: [{ seq: 1, type: 'agenda:item-add' }] } });
		expect(answers[1]).toEqual(answers[0]);
		expect(answers[2]).toEqual(answers[0]);
		expect(seqs(await logOf(m.meetingId))).toEqual([1]);
		expect((await moderator.state()).agenda.map((i) => i.title)).toEqual(['只加一次']);
		await settle(watcher);
		expect(watcher.received).toEqual(answers[0]!.ok ? answers[0]!.value.events : []);
	});
	it('[meeting:idempotent] a refused command sent twice at once under one commandId is refused twice alike, recording nothing', async () => {
		const m = await seedMeeting(t, ['member']);
		const member = await clientFor(m.members[0]!.userId, m.meetingId);
		await member.joined();
		const commandId = newCommandId();
		const answers = await Promise.all([
			member.command(agendaItem('不该加'), commandId),
			member.command(agendaItem('不该加'), commandId)
		]);
		expect(answers[0]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(answers[1]).toEqual(answers[0]);
		expect(await logOf(m.meetingId)).toEqual([]);
	});
});

describe('crowds', () => {
	it('[meeting:crowd-interrupted] the log moved on under a crowd’s batches being written: the first fails, those chained to it are abandoned, and all are decided again, each command recorded once', async () => {
		const m = await seedMeeting(
			t,
			Array.from({ length: 402 }, () => 'member' as const)
		);
		const [outsider, ...crowd] = m.members as [(typeof m.members)[0], ...typeof m.members];
		const rooms = server.ctx.services.meetingRooms;
		const open = await rooms.command(m.moderator.userId, m.meetingId, newCommandId(), OPEN);
		expect(open.ok).toBe(true);
		// Who everyone is, known before the crowd, so its commands are decided without the database.
		for (const member of crowd) expect((await rooms.admit(member.userId, m.meetingId)).ok).toBe(true);

		// Another writer takes the meeting's turn first and holds it: the crowd's batches are decided,
		// each on the state the one before leaves, and wait to be written.
		const writer = await t.sql.reserve();
		let answers: Promise<RecordedFact[][]>;
		try {
			await writer`begin`;
			await writer`select meeting_log_take_turn(${m.meetingId})`;
			// In three waves (one, then two hundred twice), each a batch of its own behind the last.
			const send = (member: (typeof crowd)[0]) =>
				rooms.command(member.userId, m.meetingId, newCommandId(), checkIn(member.memberId)).then((done) => {
					if (!done.ok) throw new Error(done.error.code);
					return done.value.events;
				});
			const waves: Promise<RecordedFact[]>[] = [];
			for (const wave of [crowd.slice(0, 1), crowd.slice(1, 201), crowd.slice(201)]) {
				waves.push(...wave.map(send));
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			answers = Promise.all(waves);
			// …and appends the outsider's check-in, so none of them follows on from the log any more.
			const [top] = await writer<{ seq: number; hash: string }[]>`
				select seq, hash from meeting_event where meeting_id = ${m.meetingId} order by seq desc limit 1`;
			const [theirs] = chainBatch({
				meetingId: m.meetingId,
				head: top!,
				occurredAt: new Date(),
				groups: [
					{
						commandId: 'elsewhere',
						events: [
							{
								type: 'attendance:check-in',
								payload: { memberId: outsider.memberId, mode: 'remote' },
								actorId: outsider.userId
							}
						]
					}
				]
			}).events;
			await writer`insert into meeting_event (meeting_id, seq, type, payload, actor_id, occurred_at, command_id, hash)
				values (${m.meetingId}, ${theirs!.seq}, ${theirs!.type}, ${writer.json(theirs!.payload as never)},
					${theirs!.actorId}, ${theirs!.occurredAt}, ${theirs!.commandId}, ${theirs!.hash})`;
			await writer`commit`;
		} finally {
			writer.release();
		}

		const answered = await answers;
		const log = await logOf(m.meetingId);
		expect(log.map((e) => e.seq)).toEqual(range(1, log.length));
		expect(firstBrokenSeq(log)).toBeNull();
		const checkIns = log.filter((e) => e.type === 'attendance:check-in');
		const who = checkIns.map((e) => (e.payload as { memberId: string }).memberId);
		expect(new Set(who).size).toBe(who.length);
		expect(new Set(who)).toEqual(new Set(m.members.map((x) => x.memberId)));
		// Each answer is what the log holds under that command, all of it after the outsider's.
		const outsiderSeq = checkIns.find((e) => e.commandId === 'elsewhere')!.seq;
		for (const facts of answered) {
			const stored = facts.map((f) => log.find((e) => e.seq === f.seq)!);
			expect(new Set(stored.map((e) => e.commandId)).size).toBe(1);
			expect(stored.map((e) => e.type)).toEqual(facts.map((f) => f.type));
			expect(facts[0]!.seq).toBeGreaterThan(outsiderSeq);
		}
		const here = await rooms.join(m.moderator.userId, m.meetingId);
		const fresh = await meetingRoomService(server.ctx.deps).join(m.moderator.userId, m.meetingId);
		expect(here.ok && here.value.state).toStrictEqual(fresh.ok && fresh.value.state);
	});
});

describe('a database outage in a crowd', () => {
	// Connections can be cut only on a database server; the embedded one is this process.
	it.runIf(!!process.env.DATABASE_URL)(
		'[meeting:crowd-outage] connections cut under a crowd’s batches: their commands are refused as unavailable or decided again, and retries under the same ids record each once',
		async () => {
			const m = await seedMeeting(
				t,
				Array.from({ length: 401 }, () => 'member' as const)
			);
			const rooms = server.ctx.services.meetingRooms;
			expect((await rooms.command(m.moderator.userId, m.meetingId, newCommandId(), OPEN)).ok).toBe(true);
			for (const member of m.members) expect((await rooms.admit(member.userId, m.meetingId)).ok).toBe(true);
			const ids = new Map(m.members.map((member) => [member.memberId, newCommandId()]));
			const send = (member: (typeof m.members)[0]) =>
				rooms.command(member.userId, m.meetingId, ids.get(member.memberId)!, checkIn(member.memberId));

			const writer = await t.sql.reserve();
			let first: Promise<PromiseSettledResult<Awaited<ReturnType<typeof send>>>[]>;
			try {
				await writer`begin`;
				await writer`select meeting_log_take_turn(${m.meetingId})`;
				const waves: ReturnType<typeof send>[] = [];
				for (const wave of [m.members.slice(0, 1), m.members.slice(1, 201), m.members.slice(201)]) {
					waves.push(...wave.map(send));
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
				first = Promise.allSettled(waves);
				// The connections of the batches waiting for their turn are cut.
				await vi.waitFor(
					async () => {
						const [row] = await writer<{ waiting: number }[]>`
							select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`;
						expect(row?.waiting).toBe(3);
					},
					{ timeout: 5_000 }
				);
				await writer`select pg_terminate_backend(pid) from pg_locks
					where locktype = 'advisory' and not granted`;
				await writer`rollback`;
			} finally {
				writer.release();
			}
			const outcomes = await first;
			const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [m.members[i]!] : []));
			expect(refused.length).toBeGreaterThan(0);
			for (const o of outcomes) if (o.status === 'fulfilled') expect(o.value.ok).toBe(true);
			// The refused ones try again under the same ids, as a screen does.
			for (const member of refused) {
				let answer: Awaited<ReturnType<typeof send>> | null = null;
				for (let attempt = 0; attempt < 5 && !answer?.ok; attempt++)
					answer = await send(member).catch(() => null);
				expect(answer?.ok).toBe(true);
			}
			const log = await logOf(m.meetingId);
			expect(log.map((e) => e.seq)).toEqual(range(1, log.length));
			const who = log
				.filter((e) => e.type === 'attendance:check-in')
				.map((e) => (e.payload as { memberId: string }).memberId);
			expect(new Set(who).size).toBe(who.length);
			expect(new Set(who)).toEqual(new Set(m.members.map((x) => x.memberId)));
		}
	);
});

describe('catching up', () => {
	it('[meeting:catch-up] a client that left at seq N gets exactly the facts it missed when it re-joins with since: N', async () => {
		const m = await seedMeeting(t, ['member', 'member']);
		const [first, second] = m.members as [(typeof m.members)[0], (typeof m.members)[0]];
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		await moderator.joined();
		await moderator.run(agendaItem('议题一'));
		await moderator.run(agendaItem('议题二'));
		await moderator.run(OPEN);

		const resident = await clientFor(first.userId, m.meetingId);
		const atJoin = await resident.joined();
		const n = atJoin.seq;
		resident.close();

		await moderator.run(checkIn(m.moderator.memberId, 'in-person'));
		await moderator.run(checkIn(second.memberId, 'in-person'));
		await moderator.run(NEXT);
		await moderator.run(agendaItem('临时动议', { kind: 'decision' }));
		await moderator.run(NEXT);
		const top = await head(m.meetingId);
		expect(top).toBeGreaterThan(n + 4);

		const back = await clientFor(first.userId, m.meetingId);
		const missed = await back.joined(n);
		expect(missed.snapshot).toBeNull();
		expect(missed.seq).toBe(top);
		expect(seqs(missed.events)).toEqual(range(n + 1, top));
		expect(missed.events).toEqual(moderator.received.filter((f) => f.seq > n));
		const state = folded(atJoin.snapshot!, missed.events);
		expect(state).toStrictEqual(await back.state());

		// Up to date: nothing to send. Ahead of the record (it cannot have seen more): the whole state.
		expect(await back.joined(top)).toMatchObject({ snapshot: null, events: [], seq: top });
		expect((await back.joined(top + 10)).snapshot).toStrictEqual(state);

		// Back in the room: the next fact arrives live, right after the last one it caught up on.
		const next = await moderator.run(checkIn(first.memberId, 'in-person'));
		await back.waitForSeq(next.at(-1)!.seq);
		expect(seqs(back.receivedAfter(top))).toEqual(range(top + 1, next.at(-1)!.seq));
		expect(resident.received.every((f) => f.seq <= n)).toBe(true);
	});
});

describe('memory', () => {
	it('[meeting:evict] an idle meeting is let go and read back from the log, live clients none the wiser', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		await moderator.joined();
		await moderator.run(agendaItem('议题一'));
		await moderator.run(OPEN);
		const before = await moderator.state();

		const rooms = server.ctx.services.meetingRooms;
		expect(await rooms.evictIdle(60 * 60_000)).toBe(0);
		expect(await rooms.evictIdle(0)).toBeGreaterThan(0);
		// A command reads the meeting back first, so its facts continue the record where it stopped.
		const next = await moderator.run(NEXT);
		expect(seqs(next)).toEqual([before.seq + 1]);
		await moderator.waitForSeq(before.seq + 1);
		expect(await moderator.state()).toStrictEqual(folded(before, next));
		expect(seqs(await logOf(m.meetingId))).toEqual(range(1, before.seq + 1));
	});
});

describe('quorum', () => {
	it('[meeting:quorum] crossing a majority of voting members records quorum:reached, falling below it quorum:lost, and every client hears both', async () => {
		// Voters: the moderator and three members (4; a majority is 3). Clerk and observer do not count.
		const m = await seedMeeting(t, ['member', 'member', 'member', 'clerk', 'observer']);
		const [a, b, c, clerk, observerSeat] = m.members as [
			typeof m.moderator,
			typeof m.moderator,
			typeof m.moderator,
			typeof m.moderator,
			typeof m.moderator
		];
		const moderator = await clientFor(m.moderator.userId, m.meetingId);
		const memberA = await clientFor(a.userId, m.meetingId);
		const observer = await clientFor(observerSeat.userId, m.meetingId);
		await moderator.joined();
		await memberA.joined();
		await observer.joined();

		const types = (facts: RecordedFact[]) => facts.map((f) => f.type);
		expect(types(await moderator.run(OPEN))).toEqual(['meeting:open', 'quorum:lost']);
		expect(types(await moderator.run(checkIn(m.moderator.memberId, 'in-person')))).toEqual([
			'attendance:check-in'
		]);
		expect(types(await memberA.run(checkIn(a.memberId)))).toEqual(['attendance:check-in']);
		expect(types(await moderator.run(checkIn(clerk.memberId, 'in-person')))).toEqual(['attendance:check-in']);
		const reached = await moderator.run(checkIn(b.memberId, 'in-person'));
		expect(types(reached)).toEqual(['attendance:check-in', 'quorum:reached']);
		expect(reached[1]).toMatchObject({
			payload: { status: { met: true, parts: [{ measure: 'headcount', present: 3, total: 4, required: 3 }] } }
		});
		expect(types(await moderator.run(checkIn(c.memberId, 'in-person')))).toEqual(['attendance:check-in']);
		expect(types(await moderator.run(leave(b.memberId)))).toEqual(['attendance:leave']);
		expect(types(await memberA.run(leave(a.memberId)))).toEqual(['attendance:leave', 'quorum:lost']);

		const log = await logOf(m.meetingId);
		expect(log.filter((e) => e.type.startsWith('quorum:')).map((e) => e.type)).toEqual([
			'quorum:lost',
			'quorum:reached',
			'quorum:lost'
		]);
		const top = log.at(-1)!.seq;
		for (const client of [moderator, memberA, observer]) {
			await client.waitForSeq(top);
			expect(seqs(client.received)).toEqual(range(1, top));
			expect(types(client.received).filter((t) => t.startsWith('quorum:'))).toEqual([
				'quorum:lost',
				'quorum:reached',
				'quorum:lost'
			]);
		}
		expect((await observer.state()).quorum).toMatchObject({
			met: false,
			parts: [{ present: 2, total: 4, required: 3 }]
		});
	});
});
