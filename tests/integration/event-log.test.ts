import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMeetingEvent } from '../../src/lib/domain/log/meeting-event';
import { GENESIS_HASH } from '../../src/lib/domain/log/meeting-event';
import { firstBrokenSeq } from '../../src/lib/server/event-log/event-hash';
import { chainBatch, eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { createMeeting, seedCouncil, servicesOver } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let log: ReturnType<typeof eventLogRepository>;
let councilId: string;
let actorId: string;

beforeAll(async () => {
	db = await freshDatabase();
	log = eventLogRepository(db.sql);
	const seeded = await seedCouncil(servicesOver(db.sql));
	councilId = seeded.council.id;
	actorId = seeded.moderator.userId;
});
afterAll(() => db?.close());

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Every test works on a meeting of its own, so their logs never interleave. */
const newMeeting = async () => (await createMeeting(db, councilId)).id;

const at = new Date('2026-12-15T01:30:00.123Z');
const event = (type: string, payload: unknown = {}): NewMeetingEvent => ({ type, payload, actorId });

async function appendOk(
	meetingId: string,
	expectedSeq: number,
	events: NewMeetingEvent[],
	commandId?: string
) {
	const result = await log.append({ meetingId, expectedSeq, events, commandId, occurredAt: at });
	if (!result.ok) throw new Error(`append failed: ${result.error.code}`);
	return result.value;
}

describe('meeting event log', () => {
	it('[event-log:append] events are numbered from 1 after the seq they were decided on', async () => {
		const meetingId = await newMeeting();
		expect(await log.head(meetingId)).toEqual({ seq: 0, hash: GENESIS_HASH });

		const first = await appendOk(meetingId, 0, [event('meeting:open'), event('agenda:advance', { item: 1 })]);
		const second = await appendOk(meetingId, 2, [event('speaker:raise-hand')]);

		expect(first.map((e) => e.seq)).toEqual([1, 2]);
		expect(second.map((e) => e.seq)).toEqual([3]);
		expect(second[0]).toMatchObject({
			meetingId,
			type: 'speaker:raise-hand',
			actorId,
			occurredAt: at.toISOString()
		});
		expect(await log.head(meetingId)).toEqual({ seq: 3, hash: second[0]!.hash });
	});

	it('[event-log:expected-seq] an append decided on a stale seq is refused and adds nothing', async () => {
		const meetingId = await newMeeting();
		await appendOk(meetingId, 0, [event('meeting:open'), event('agenda:advance')]);

		for (const stale of [0, 1, 3]) {
			const result = await log.append({
				meetingId,
				expectedSeq: stale,
				events: [event('ballot:cast')],
				occurredAt: at
			});
			expect(result).toMatchObject({ ok: false, error: { code: 'seq-conflict' } });
		}
		expect((await log.readSince(meetingId, 0)).map((e) => e.type)).toEqual([
			'meeting:open',
			'agenda:advance'
		]);
	});

	it('[event-log:catch-up] readSince returns exactly the later events, in order, as appended', async () => {
		const meetingId = await newMeeting();
		const other = await newMeeting();
		const appended = [
			...(await appendOk(meetingId, 0, [event('a:one'), event('a:two')])),
			...(await appendOk(meetingId, 2, [event('a:three')])),
			...(await appendOk(meetingId, 3, [event('a:four'), event('a:five')]))
		];
		await appendOk(other, 0, [event('b:one'), event('b:two'), event('b:three')]);

		expect(await log.readSince(meetingId, 0)).toEqual(appended);
		expect(await log.readSince(meetingId, 2)).toEqual(appended.slice(2));
		expect((await log.readSince(meetingId, 4)).map((e) => e.seq)).toEqual([5]);
		expect(await log.readSince(meetingId, 5)).toEqual([]);
	});

	it('[event-log:idempotent] a retried command returns its original events and appends nothing', async () => {
		const meetingId = await newMeeting();
		const original = await appendOk(meetingId, 0, [event('ballot:cast', { option: 'yes' })], 'cmd-1');
		await appendOk(meetingId, 1, [event('ballot:cast', { option: 'no' })], 'cmd-2');

		// The retry still carries the seq its first attempt was based on, and even different content.
		const retry = await log.append({
			meetingId,
			expectedSeq: 0,
			events: [event('ballot:cast', { option: 'abstain' })],
			commandId: 'cmd-1',
			occurredAt: new Date(at.getTime() + 5_000)
		});

		expect(retry).toEqual({ ok: true, value: original });
		expect((await log.readSince(meetingId, 0)).map((e) => e.commandId)).toEqual(['cmd-1', 'cmd-2']);
	});

	it('[event-log:idempotent] command ids are per meeting', async () => {
		const a = await newMeeting();
		const b = await newMeeting();
		await appendOk(a, 0, [event('ballot:cast')], 'same-id');
		const inB = await appendOk(b, 0, [event('ballot:cast')], 'same-id');
		expect(inB.map((e) => e.meetingId)).toEqual([b]);
	});

	it('[event-log:concurrency] of 20 concurrent appends on the same seq exactly one succeeds', async () => {
		const meetingId = await newMeeting();
		await appendOk(meetingId, 0, [event('meeting:open')]);

		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				log.append({
					meetingId,
					expectedSeq: 1,
					events: [event('ballot:cast', { voter: i })],
					occurredAt: at
				})
			)
		);

		const winners = results.filter((r) => r.ok);
		expect(winners).toHaveLength(1);
		expect(results.filter((r) => !r.ok && r.error.code === 'seq-conflict')).toHaveLength(19);
		const stored = await log.readSince(meetingId, 0);
		expect(stored.map((e) => e.seq)).toEqual([1, 2]);
		expect(winners[0]).toEqual({ ok: true, value: [stored[1]] });
	});

	it('[event-log:concurrency] one command retried concurrently is applied once, and every retry sees it', async () => {
		const meetingId = await newMeeting();
		const results = await Promise.all(
			Array.from({ length: 10 }, () =>
				log.append({
					meetingId,
					expectedSeq: 0,
					events: [event('meeting:open')],
					commandId: 'open-once',
					occurredAt: at
				})
			)
		);
		const stored = await log.readSince(meetingId, 0);
		expect(stored).toHaveLength(1);
		for (const r of results) expect(r).toEqual({ ok: true, value: stored });
	});
});

describe('batch appends', () => {
	const batch = (meetingId: string, head: { seq: number; hash: string }, groups: [string, string[]][]) =>
		chainBatch({
			meetingId,
			head,
			occurredAt: at,
			groups: groups.map(([commandId, types]) => ({ commandId, events: types.map((t) => event(t)) }))
		});
	const recorded = async (meetingId: string) =>
		(
			await db.sql<{ commandId: string }[]>`
			select command_id from meeting_command where meeting_id = ${meetingId} order by command_id`
		).map((r) => r.commandId);

	it('[event-log:batch-head] a batch chained to a head the log has moved past is refused whole, with or without facts', async () => {
		const meetingId = await newMeeting();
		const genesis = { seq: 0, hash: GENESIS_HASH };
		const first = await log.appendBatch(batch(meetingId, genesis, [['c1', ['meeting:open']]]));
		expect(first.ok).toBe(true);
		const head = await log.head(meetingId);
		expect(head.seq).toBe(1);

		// Stale by seq, by hash at the right seq, and a batch that records a command without facts.
		for (const [stale, groups] of [
			[genesis, [['c2', ['agenda:advance']]]],
			[{ seq: 1, hash: GENESIS_HASH }, [['c3', ['agenda:advance']]]],
			[genesis, [['c4', []]]]
		] as const) {
			const result = await log.appendBatch(
				batch(
					meetingId,
					stale,
					groups.map(([c, t]) => [c, [...t]])
				)
			);
			expect(result).toMatchObject({ ok: false, error: { code: 'seq-conflict' } });
		}
		expect((await log.readSince(meetingId, 0)).map((e) => e.commandId)).toEqual(['c1']);
		expect(await recorded(meetingId)).toEqual(['c1']);

		// On the true head both kinds go through, the command without facts recorded all the same.
		const next = await log.appendBatch(
			batch(meetingId, head, [
				['c5', ['agenda:advance']],
				['c6', []]
			])
		);
		expect(next.ok && next.value.stored.map((e) => e.seq)).toEqual([2]);
		expect(await recorded(meetingId)).toEqual(['c1', 'c5', 'c6']);
		expect(firstBrokenSeq(await log.readSince(meetingId, 0))).toBeNull();
	});

	it('[event-log:batch-command-taken] a batch holding a command already recorded is refused whole; its look-ups answer from the same transaction', async () => {
		const meetingId = await newMeeting();
		const first = await log.appendBatch(
			batch(meetingId, { seq: 0, hash: GENESIS_HASH }, [['c1', ['meeting:open']]])
		);
		expect(first.ok).toBe(true);
		const head = await log.head(meetingId);

		const again = await log.appendBatch(
			batch(meetingId, head, [
				['c2', ['agenda:advance']],
				['c1', ['agenda:advance']]
			])
		);
		expect(again).toMatchObject({ ok: false, error: { code: 'seq-conflict' } });
		expect(await log.head(meetingId)).toEqual(head);

		const asked = await log.appendBatch(batch(meetingId, head, [['c2', ['agenda:advance']]]), {
			lookUp: ['c1', 'never-sent']
		});
		expect(asked.ok).toBe(true);
		if (!asked.ok) return;
		expect([...asked.value.earlier.keys()]).toEqual(['c1']);
		expect(asked.value.earlier.get('c1')!.map((e) => [e.seq, e.type])).toEqual([[1, 'meeting:open']]);
	});

	it('[event-log:batch-turns] batches and single appends on one meeting at once: each seq once, the chain intact', async () => {
		const meetingId = await newMeeting();
		// Every writer decides on the same head: one of them wins it, whatever its kind; the rest are refused.
		const head = { seq: 0, hash: GENESIS_HASH };
		const results = await Promise.all([
			...Array.from({ length: 6 }, (_, i) =>
				log.appendBatch(batch(meetingId, head, [[`b${i}`, ['x', 'y']]]))
			),
			...Array.from({ length: 6 }, (_, i) =>
				log.append({ meetingId, expectedSeq: 0, events: [event('z')], commandId: `s${i}`, occurredAt: at })
			)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		const stored = await log.readSince(meetingId, 0);
		expect(stored.map((e) => e.seq)).toEqual(range(1, stored.length));
		expect(firstBrokenSeq(stored)).toBeNull();
	});
});

describe('meeting record hash chain', () => {
	/** Payloads whose key order, nesting, numbers and scripts JSONB does not keep as written. */
	const payloads = [
		{ z: 1, a: { y: [3, 2, { d: null, c: true }], b: '议事' }, m: 1.5 },
		{ motion: '加装电梯 Elevator retrofit', counts: { yes: 12, no: 3, abstain: 0 }, weight: 1234.56 },
		{},
		{ text: 'line\nbreak "quoted" \u00e9\u0301 🏠', big: 1e21, small: 1e-7, neg: -42 }
	];

	async function recordedMeeting() {
		const meetingId = await newMeeting();
		let seq = 0;
		for (const [i, payload] of payloads.entries()) {
			const stored = await appendOk(
				meetingId,
				seq,
				[event(`test:${i}`, payload), event('test:marker')],
				`c${i}`
			);
			seq = stored.at(-1)!.seq;
		}
		return meetingId;
	}

	/** Edits a stored row as someone with database access would: past the append-only trigger. */
	async function tamper(run: () => Promise<unknown>) {
		await db.sql`alter table meeting_event disable trigger meeting_event_no_update`;
		try {
			await run();
		} finally {
			await db.sql`alter table meeting_event enable trigger meeting_event_no_update`;
		}
	}

	it('[event-log:hash-chain] an intact record verifies after its round trip through the database', async () => {
		const meetingId = await recordedMeeting();
		const events = await log.readSince(meetingId, 0);
		expect(events).toHaveLength(payloads.length * 2);
		expect(events.map((e) => e.payload).filter((_, i) => i % 2 === 0)).toEqual(payloads);
		expect(firstBrokenSeq(events)).toBeNull();
	});

	it('[event-log:hash-chain] an edited payload is reported at exactly its seq', async () => {
		const meetingId = await recordedMeeting();
		await tamper(
			() => db.sql`update meeting_event set payload = ${db.sql.json({ motion: 'forged' })}
			where meeting_id = ${meetingId} and seq = 3`
		);
		expect(firstBrokenSeq(await log.readSince(meetingId, 0))).toBe(3);
	});

	it('[event-log:hash-chain] an edited actor, time or type is reported at exactly its seq', async () => {
		const edits = [
			(id: string) => db.sql`update meeting_event set actor_id = null where meeting_id = ${id} and seq = 5`,
			(id: string) =>
				db.sql`update meeting_event set occurred_at = occurred_at + interval '1 minute' where meeting_id = ${id} and seq = 5`,
			(id: string) =>
				db.sql`update meeting_event set type = 'test:forged' where meeting_id = ${id} and seq = 5`
		];
		for (const edit of edits) {
			const meetingId = await recordedMeeting();
			await tamper(() => edit(meetingId));
			expect(firstBrokenSeq(await log.readSince(meetingId, 0))).toBe(5);
		}
	});

	it('[event-log:hash-chain] a rehashed forgery still breaks the chain at the next event', async () => {
		const meetingId = await recordedMeeting();
		const events = await log.readSince(meetingId, 0);
		const { eventHash } = await import('../../src/lib/server/event-log/event-hash');
		const forged = { ...events[3]!, payload: { forged: true } };
		const hash = eventHash(events[2]!.hash, forged);
		await tamper(
			() => db.sql`update meeting_event set payload = ${db.sql.json(forged.payload)}, hash = ${hash}
			where meeting_id = ${meetingId} and seq = 4`
		);
		expect(firstBrokenSeq(await log.readSince(meetingId, 0))).toBe(5);
	});

	it('[event-log:hash-chain] a removed event is reported where the sequence breaks', async () => {
		const meetingId = await recordedMeeting();
		await tamper(() => db.sql`delete from meeting_event where meeting_id = ${meetingId} and seq = 6`);
		expect(firstBrokenSeq(await log.readSince(meetingId, 0))).toBe(7);
	});
});
