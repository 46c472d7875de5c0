import type { Pool } from '../db/database';
import { GENESIS_HASH, type MeetingEvent, type NewMeetingEvent } from '../../domain/log/meeting-event';
import { fail, ok, type Result } from '../../domain/result';
import { eventHash } from '../event-log/event-hash';

export type AppendError = 'seq-conflict';

export interface AppendInput {
	meetingId: string;
	/** The seq the caller's decision was based on; the append fails if the log has moved since. */
	expectedSeq: number;
	events: readonly NewMeetingEvent[];
	/** Same id on a retried command: the first append's events are returned, nothing is added. */
	commandId?: string;
	occurredAt: Date;
}

const UNIQUE_VIOLATION = '23505';

export function eventLogRepository(sql: Pool) {
	async function readByCommand(meetingId: string, commandId: string): Promise<MeetingEvent[]> {
		return sql<MeetingEvent[]>`
			select e.meeting_id, e.seq, e.type, e.payload, e.actor_id, e.occurred_at, e.command_id, e.hash
			from meeting_command c
			join meeting_event e on e.meeting_id = c.meeting_id and e.seq between c.first_seq and c.last_seq
			where c.meeting_id = ${meetingId} and c.command_id = ${commandId}
			order by e.seq`.then(normalise);
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
		/** The events a command produced, if it was already applied (empty otherwise). */
		eventsOfCommand: readByCommand,

		async head(meetingId: string): Promise<{ seq: number; hash: string }> {
			const [row] = await sql<{ seq: number; hash: string }[]>`
				select seq, hash from meeting_event where meeting_id = ${meetingId}
				order by seq desc limit 1`;
			return row ?? { seq: 0, hash: GENESIS_HASH };
		},

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
				const stored = await sql.begin(async (tx) => {
					const [head] = await tx<{ seq: number; hash: string }[]>`
						select seq, hash from meeting_event where meeting_id = ${input.meetingId}
						order by seq desc limit 1`;
					const current = head ?? { seq: 0, hash: GENESIS_HASH };
					if (current.seq !== input.expectedSeq) return null;
					const out: MeetingEvent[] = [];
					let prev = current.hash;
					input.events.forEach((e, i) => {
						const base = {
							meetingId: input.meetingId,
							seq: input.expectedSeq + i + 1,
							type: e.type,
							payload: e.payload,
							actorId: e.actorId,
							occurredAt: input.occurredAt.toISOString(),
							commandId: input.commandId ?? null
						};
						const hash = eventHash(prev, base);
						out.push({ ...base, hash });
						prev = hash;
					});
					for (const e of out) {
						await tx`insert into meeting_event
							(meeting_id, seq, type, payload, actor_id, occurred_at, command_id, hash)
							values (${e.meetingId}, ${e.seq}, ${e.type}, ${tx.json(e.payload as never)},
								${e.actorId}, ${e.occurredAt}, ${e.commandId}, ${e.hash})`;
					}
					if (input.commandId && out.length > 0) {
						await tx`insert into meeting_command (meeting_id, command_id, first_seq, last_seq)
							values (${input.meetingId}, ${input.commandId}, ${out[0]!.seq}, ${out.at(-1)!.seq})`;
					}
					return out;
				});
				return stored === null ? await conflict(input) : ok(stored);
			} catch (error) {
				if (isUniqueViolation(error)) return conflict(input);
				throw error;
			}
		}
	};
}

function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'code' in error && error.code === UNIQUE_VIOLATION;
}

function normalise(rows: readonly MeetingEvent[]): MeetingEvent[] {
	return rows.map((r) => ({
		...r,
		occurredAt: new Date(r.occurredAt as unknown as Date | string).toISOString()
	}));
}
