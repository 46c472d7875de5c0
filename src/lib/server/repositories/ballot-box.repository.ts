import type { Sql } from '../db/database';
import { slices } from '../db/slices';
import type { Choice, PublishedSecretBallot } from '../../domain/voting/motion';

export interface BallotBoxWrite {
	motionId: string;
	tag: string;
	choice: Choice;
	weightCents: number;
	constituency: string | null;
	/** A changed ballot replaces the choice under the same receipt tag. */
	replace: boolean;
}

/**
 * The secret ballot box: choices by receipt tag, with no voter and no time. Nothing here can be
 * joined to the meeting log's turnout facts.
 */
export function ballotBoxRepository(sql: Sql) {
	return {
		async tags(meetingId: string, motionId: string): Promise<Set<string>> {
			const rows = await sql<{ tag: string }[]>`
				select tag from secret_ballot where meeting_id = ${meetingId} and motion_id = ${motionId}`;
			return new Set(rows.map((r) => r.tag));
		},

		async contents(meetingId: string, motionId: string): Promise<PublishedSecretBallot[]> {
			const rows = await sql<
				{ tag: string; choice: Choice; weightCents: string; constituency: string | null }[]
			>`
				select tag, choice, weight_cents, constituency from secret_ballot
				where meeting_id = ${meetingId} and motion_id = ${motionId} order by tag`;
			return rows.map((r) => ({ ...r, weightCents: Number(r.weightCents) }));
		},

		/**
		 * The statements that store these writes, queued on `sql` (the transaction that appends the
		 * turnout facts) at once. Rows go in tag order, not arrival order.
		 */
		write(meetingId: string, writes: readonly BallotBoxWrite[]): Promise<unknown>[] {
			const sorted = [...writes].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
			const inserts = sorted.filter((w) => !w.replace);
			// A ballot changed twice in one batch: the later change (the sort keeps arrival order within
			// a tag) is the one that stands, as one statement can change a row only once.
			const latest = new Map<string, BallotBoxWrite>();
			for (const w of sorted) if (w.replace) latest.set(`${w.motionId}\u0000${w.tag}`, w);
			const changes = [...latest.values()];
			// Column arrays: one statement text for every batch, prepared once (see event-log.repository).
			const statements: Promise<unknown>[] = [];
			for (const slice of slices(inserts, 1000)) statements.push(insertBallots(sql, meetingId, slice));
			for (const slice of slices(changes, 1000)) statements.push(changeBallots(sql, meetingId, slice));
			return statements;
		}
	};
}

function insertBallots(sql: Sql, meetingId: string, writes: readonly BallotBoxWrite[]) {
	return sql`insert into secret_ballot (meeting_id, motion_id, tag, choice, weight_cents, constituency)
		select ${meetingId}::uuid, * from unnest(${writes.map((w) => w.motionId)}::text[],
			${writes.map((w) => w.tag)}::text[], ${writes.map((w) => JSON.stringify(w.choice))}::text[]::jsonb[],
			${writes.map((w) => w.weightCents)}::bigint[], ${writes.map((w) => w.constituency)}::text[])`.execute();
}

function changeBallots(sql: Sql, meetingId: string, writes: readonly BallotBoxWrite[]) {
	return sql`update secret_ballot b set choice = c.choice
		from unnest(${writes.map((w) => w.motionId)}::text[], ${writes.map((w) => w.tag)}::text[],
			${writes.map((w) => JSON.stringify(w.choice))}::text[]::jsonb[]) as c(motion_id, tag, choice)
		where b.meeting_id = ${meetingId}::uuid and b.motion_id = c.motion_id and b.tag = c.tag`.execute();
}

/** The ballot box's writes, each run once with nothing to write (see warm-up.ts). */
export function warmUpBallotBox(sql: Sql): Promise<unknown>[] {
	const nowhere = '00000000-0000-0000-0000-000000000000';
	return [insertBallots(sql, nowhere, []), changeBallots(sql, nowhere, [])];
}
