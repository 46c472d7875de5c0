import type { Pool, Sql } from '../db/database';
import { GENESIS_HASH, type MeetingEvent, type NewMeetingEvent } from '../../domain/log/meeting-event';
import { fail, ok, type Result } from '../../domain/result';
import { eventHash } from '../event-log/event-hash';
import { slices } from '../db/slices';
import { abandon, transaction } from '../db/transaction';
import { atOnce } from '../db/at-once';

export type AppendError = 'seq-conflict';

export interface LogHead {
	seq: number;
	hash: string;
}

export interface AppendInput {
	meetingId: string;
	/** The seq the caller's decision was based on; the append fails if the log has moved since. */
	expectedSeq: number;
	events: readonly NewMeetingEvent[];
	/** Same id on a retried command: the first append's events are returned, nothing is added. */
	commandId?: string;
	occurredAt: Date;
}

/** Several commands decided one after another, to be appended in one transaction (group commit). */
export interface BatchInput {
	meetingId: string;
	/** The last event the caller's decision was based on (seq 0 and the genesis hash for none). */
	head: LogHead;
	occurredAt: Date;
	/** A group appended outside any command (a null id) gets no command record. */
	groups: readonly { commandId: string | null; events: readonly NewMeetingEvent[] }[];
}

/** A batch's events numbered and hashed in a chain after its head, and each command's record. */
export interface ChainedBatch {
	meetingId: string;
	head: LogHead;
	events: MeetingEvent[];
	commands: { commandId: string; firstSeq: number | null; lastSeq: number | null }[];
}

/** What else an append does in its transaction. */
export interface AlsoWrite {
	/**
	 * Writes that commit with the events or not at all (the ballot box): statements queued on `tx`
	 * at once, as they are sent with the COMMIT.
	 */
	statements?: (tx: Sql, stored: readonly MeetingEvent[]) => Promise<unknown>[];
	/** Writes that must read first (projections); the COMMIT then waits for them. */
	after?: (tx: Sql, stored: readonly MeetingEvent[]) => Promise<void>;
	/** Commands whose earlier application, if any, the append reports (see eventsOfCommands). */
	lookUp?: readonly string[];
}

export interface Appended {
	stored: MeetingEvent[];
	/** Those of `lookUp` that had been applied before, with their events. */
	earlier: Map<string, MeetingEvent[]>;
}

const UNIQUE_VIOLATION = '23505';
/** Raised by meeting_log_expect_head (migration 016). */
const HEAD_MOVED = 'YS409';

export function eventLogRepository(sql: Pool) {
	/** The events a command produced, if it was already applied (empty otherwise). */
	async function readByCommand(meetingId: string, commandId: string): Promise<MeetingEvent[]> {
		return (await readCommands(sql, meetingId, [commandId])).get(commandId) ?? [];
	}

	/**
	 * The log moved on. If it moved on because this very command was applied meanwhile (a retry
	 * racing its first attempt), that is success: answer with the first attempt's events.
	 */
	async function conflict(input: AppendInput): Promise<Result<MeetingEvent[], AppendError>> {
		if (input.commandId) {
			const earlier = await readByCommand(input.meetingId, input.commandId);
			if (earlier.length > 0) return ok(earlier);
		}
		return fail('seq-conflict', 'The meeting record moved on; retry.');
	}

	return {
		/**
		 * The events of each of these commands that was already applied, by command id (an empty list
		 * for a command that was applied without leaving a fact, such as a changed secret ballot).
		 */
		eventsOfCommands(meetingId: string, commandIds: readonly string[]): Promise<Map<string, MeetingEvent[]>> {
			return commandIds.length === 0 ? Promise.resolve(new Map()) : readCommands(sql, meetingId, commandIds);
		},

		/**
		 * Appends a chained batch with one command record per group (a group without events is
		 * recorded as applied all the same), or nothing if the log no longer ends at its head or one of
		 * its commands was recorded meanwhile (`seq-conflict`: catch up and decide again). Also answers,
		 * from inside the same transaction, which of `lookUp` were applied before.
		 */
		async appendBatch(batch: ChainedBatch, also: AlsoWrite = {}): Promise<Result<Appended, AppendError>> {
			const { meetingId, events, commands, head } = batch;
			const tx = await sql.reserve();
			const statements: Promise<unknown>[] = [];
			let earlier: Promise<Map<string, MeetingEvent[]>> | null = null;
			try {
				// The statements and the COMMIT go out together and the connection runs them in order: a
				// single round trip, however busy this process is meanwhile (a crowd's ballots being
				// read; see at-once.ts). The head check fails the transaction if the log moved on, and
				// then every statement after it fails and the COMMIT rolls back.
				statements.push(tx`begin`.execute(), expectHead(tx, meetingId, head));
				// Slices keep each statement small (see docs/decisions/013).
				for (const slice of slices(events, 500)) statements.push(insertEvents(tx, meetingId, slice));
				for (const slice of slices(commands, 1000)) statements.push(insertCommands(tx, meetingId, slice));
				if (also.statements) statements.push(...also.statements(tx, events));
				if (also.lookUp?.length) statements.push((earlier = readCommands(tx, meetingId, also.lookUp)));
				if (also.after) {
					// Writes that read before they write need the answers first: COMMIT waits for them.
					const failed = await firstFailure(statements);
					if (failed) throw failed.error;
					await also.after(tx, events);
					await atOnce(tx, 'commit');
				} else {
					statements.push(atOnce(tx, 'commit').execute());
					// A failed transaction's COMMIT rolled it back; the ROLLBACK below then changes nothing.
					const failed = await firstFailure(statements);
					if (failed) throw failed.error;
				}
			} catch (error) {
				// None of the transaction's statements may still be running when it ends.
				await firstFailure(statements);
				await abandon(tx, error, () => atOnce(tx, 'rollback'));
				return conflictOr(error);
			}
			const found = earlier ? await earlier : new Map<string, MeetingEvent[]>();
			tx.release();
			return ok({ stored: events, earlier: found });
		},

		head: (meetingId: string): Promise<LogHead> => readHead(sql, meetingId),

		async readSince(meetingId: string, afterSeq: number, limit = 10_000): Promise<MeetingEvent[]> {
			return sql<MeetingEvent[]>`
				select meeting_id, seq, type, payload, actor_id, occurred_at, command_id, hash
				from meeting_event where meeting_id = ${meetingId} and seq > ${afterSeq}
				order by seq limit ${limit}`.then(normalise);
		},

		/**
		 * Appends events atomically at expectedSeq + 1…, recording the command that produced them.
		 */
		async append(input: AppendInput): Promise<Result<MeetingEvent[], AppendError>> {
			if (input.commandId) {
				const earlier = await readByCommand(input.meetingId, input.commandId);
				if (earlier.length > 0) return ok(earlier);
			}
			try {
				const stored = await transaction(sql, async (tx) => {
					// In turn with appendBatch (migration 016).
					await tx`select meeting_log_take_turn(${input.meetingId})`;
					const current = await readHead(tx, input.meetingId);
					if (current.seq !== input.expectedSeq) return null;
					const { events, commands } = chainBatch({
						meetingId: input.meetingId,
						head: current,
						occurredAt: input.occurredAt,
						groups: [{ commandId: input.commandId ?? null, events: input.events }]
					});
					for (const slice of slices(events, 500)) await insertEvents(tx, input.meetingId, slice);
					if (events.length > 0 && commands.length > 0) await insertCommands(tx, input.meetingId, commands);
					return events;
				});
				return stored === null ? await conflict(input) : ok(stored);
			} catch (error) {
				if (isUniqueViolation(error)) return conflict(input);
				throw error;
			}
		}
	};
}

// Column arrays, not rows: each statement's text is the same for every batch, so it is prepared once
// per connection (a multi-row VALUES list is a new statement, with a round trip to describe its
// thousands of parameters, each time; see also warmUpLog).

async function readHead(sql: Sql, meetingId: string): Promise<LogHead> {
	const [row] = await sql<LogHead[]>`
		select seq, hash from meeting_event where meeting_id = ${meetingId} order by seq desc limit 1`;
	return row ?? { seq: 0, hash: GENESIS_HASH };
}

function expectHead(tx: Sql, meetingId: string, head: LogHead) {
	return tx`select meeting_log_expect_head(${meetingId}, ${head.seq}, ${head.hash})`.execute();
}

function insertEvents(tx: Sql, meetingId: string, events: readonly MeetingEvent[]) {
	return tx`insert into meeting_event (meeting_id, seq, type, payload, actor_id, occurred_at, command_id, hash)
		select ${meetingId}::uuid, * from unnest(
			${events.map((e) => e.seq)}::int[], ${events.map((e) => e.type)}::text[],
			${events.map((e) => JSON.stringify(e.payload))}::text[]::jsonb[],
			${events.map((e) => e.actorId)}::uuid[], ${events.map((e) => e.occurredAt)}::timestamptz[],
			${events.map((e) => e.commandId)}::text[], ${events.map((e) => e.hash)}::text[])`.execute();
}

function insertCommands(tx: Sql, meetingId: string, commands: ChainedBatch['commands']) {
	return tx`insert into meeting_command (meeting_id, command_id, first_seq, last_seq)
		select ${meetingId}::uuid, * from unnest(${commands.map((c) => c.commandId)}::text[],
			${commands.map((c) => c.firstSeq)}::int[], ${commands.map((c) => c.lastSeq)}::int[])`.execute();
}

/** The statements of an append, each run once with nothing to write (see warm-up.ts). */
export function warmUpLog(sql: Sql): Promise<unknown>[] {
	const nobody = '00000000-0000-0000-0000-000000000000';
	return [
		expectHead(sql, nobody, { seq: 0, hash: GENESIS_HASH }),
		insertEvents(sql, nobody, []),
		insertCommands(sql, nobody, []),
		readCommands(sql, nobody, [])
	];
}

/**
 * The events of each of these commands that was already applied, by command id (an empty list for
 * a command that was applied without leaving a fact, such as a changed secret ballot).
 */
async function readCommands(
	sql: Sql,
	meetingId: string,
	commandIds: readonly string[]
): Promise<Map<string, MeetingEvent[]>> {
	const rows = await sql<(MeetingEvent & { applied: string })[]>`
		select c.command_id as applied, e.meeting_id, e.seq, e.type, e.payload, e.actor_id, e.occurred_at,
			e.command_id, e.hash
		from meeting_command c
		left join meeting_event e on e.meeting_id = c.meeting_id and e.seq between c.first_seq and c.last_seq
		where c.meeting_id = ${meetingId} and c.command_id = any(${commandIds as string[]}::text[])
		order by e.seq nulls first`;
	const out = new Map<string, MeetingEvent[]>();
	for (const row of rows) {
		const { applied, ...event } = row;
		const events = out.get(applied) ?? [];
		out.set(applied, event.seq === null ? events : [...events, ...normalise([event])]);
	}
	return out;
}

/** The first of `statements` to fail, once all of them have finished (none may still be running). */
async function firstFailure(statements: readonly Promise<unknown>[]): Promise<{ error: unknown } | null> {
	const failed = (await Promise.allSettled(statements)).find((s) => s.status === 'rejected');
	return failed ? { error: failed.reason } : null;
}

/** A failed append: the log moved on (decide again), or an error to pass on. */
function conflictOr(error: unknown): Result<never, AppendError> {
	if (isConflict(error)) return fail('seq-conflict', 'The meeting record moved on; retry.');
	throw error;
}

/** Numbers and hashes a batch's events after its head, as appendBatch stores them. */
export function chainBatch(input: BatchInput): ChainedBatch {
	const events: MeetingEvent[] = [];
	const commands: ChainedBatch['commands'] = [];
	let prev = input.head.hash;
	let seq = input.head.seq;
	for (const group of input.groups) {
		if (group.events.length === 0) {
			if (group.commandId !== null)
				commands.push({ commandId: group.commandId, firstSeq: null, lastSeq: null });
			continue;
		}
		const first = seq + 1;
		for (const e of group.events) {
			seq += 1;
			const base = {
				meetingId: input.meetingId,
				seq,
				type: e.type,
				payload: e.payload,
				actorId: e.actorId,
				occurredAt: input.occurredAt.toISOString(),
				commandId: group.commandId
			};
			const hash = eventHash(prev, base);
			events.push({ ...base, hash });
			prev = hash;
		}
		if (group.commandId !== null)
			commands.push({ commandId: group.commandId, firstSeq: first, lastSeq: seq });
	}
	return { meetingId: input.meetingId, head: input.head, events, commands };
}

const hasCode = (error: unknown, code: string): boolean =>
	typeof error === 'object' && error !== null && 'code' in error && error.code === code;

const isUniqueViolation = (error: unknown) => hasCode(error, UNIQUE_VIOLATION);

/** Another append got there first: a seq or a command already taken, or the head moved (migration 016). */
const isConflict = (error: unknown) => isUniqueViolation(error) || hasCode(error, HEAD_MOVED);

function normalise(rows: readonly MeetingEvent[]): MeetingEvent[] {
	return rows.map((r) => ({
		...r,
		occurredAt: new Date(r.occurredAt as unknown as Date | string).toISOString()
	}));
}
