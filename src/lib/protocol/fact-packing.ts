import type { RecordedFact } from '../domain/meeting/meeting-events';
import type { MeetingState } from '../domain/meeting/meeting-state';
import type { RosterEntry } from '../domain/meeting/roster';

/**
 * A secret vote's published ballots (receipt tag and choice, one per voter) stay off the socket:
 * at close they would be 2,000 × 130 bytes to each of 2,000 screens, for a list that only a voter
 * checking a receipt opens. They are in the record and served by `receiptsPath`; `vote:close`
 * facts and snapshots cross the wire with `receipts: []`.
 */
export const receiptsPath = (councilId: string, meetingId: string, motionId: string) =>
	`/councils/${councilId}/meetings/${meetingId}/motions/${motionId}/receipts.json`;

/** The fact as the socket carries it: a close without its published ballots (see receiptsPath). */
export function withoutReceipts(f: RecordedFact): RecordedFact {
	if (f.type !== 'vote:close' || f.payload.receipts.length === 0) return f;
	return { ...f, payload: { ...f.payload, receipts: [] } };
}

/** The state as a joining screen receives it: every closed vote without its published ballots. */
export function snapshotForWire(state: MeetingState): MeetingState {
	if (!state.motions.some((m) => (m.outcome?.receipts.length ?? 0) > 0)) return state;
	return {
		...state,
		motions: state.motions.map((m) =>
			m.outcome && m.outcome.receipts.length > 0 ? { ...m, outcome: { ...m.outcome, receipts: [] } } : m
		)
	};
}

/**
 * Consecutive `ballot:turnout` facts of one motion, decided together, each a voter voting for
 * themselves from their own device. In a vote of 2,000 these are nearly all the facts, and each
 * goes to every screen: 2,000 × 2,000 facts of some 250 bytes. As roster positions they take a
 * few bytes each, and the client expands them back into exactly the facts the log holds.
 */
export interface TurnoutRun {
	type: 'ballot:turnout-run';
	motionId: string;
	/** The first fact's seq; the others follow it one by one. */
	seq: number;
	occurredAt: string;
	/** Positions in the meeting's roster (frozen when the meeting opened). */
	voters: number[];
}

/** A fact as `meeting:events` carries it. */
export type WireFact = RecordedFact | TurnoutRun;

type Turnout = Extract<RecordedFact, { type: 'ballot:turnout' }>;

/**
 * `facts` for the socket: each run of two or more self-cast turnout facts packed (see TurnoutRun),
 * closes without their published ballots (see receiptsPath).
 */
export function packFacts(all: readonly RecordedFact[], roster: readonly RosterEntry[]): WireFact[] {
	const facts = all.map(withoutReceipts);
	// The roster the client unpacks with is the one it holds before these facts: only an opening changes it.
	if (roster.length === 0 || facts.some((f) => f.type === 'meeting:open')) return facts;
	const position = new Map(roster.map((r, i) => [r.memberId, i]));
	const out: WireFact[] = [];
	let run: { facts: Turnout[]; voters: number[] } | null = null;
	const flush = () => {
		if (!run) return;
		const [first] = run.facts as [Turnout];
		if (run.facts.length === 1) out.push(first);
		else
			out.push({
				type: 'ballot:turnout-run',
				motionId: first.payload.motionId,
				seq: first.seq,
				occurredAt: first.occurredAt,
				voters: run.voters
			});
		run = null;
	};
	for (const f of facts) {
		const at = f.type === 'ballot:turnout' ? selfCastPosition(f, position, roster) : null;
		if (at === null) {
			flush();
			out.push(f);
			continue;
		}
		const t = f as Turnout;
		const last: Turnout | undefined = run?.facts.at(-1);
		const continues =
			last !== undefined &&
			last.payload.motionId === t.payload.motionId &&
			last.occurredAt === t.occurredAt &&
			last.seq + 1 === t.seq;
		if (!continues) flush();
		run ??= { facts: [], voters: [] };
		run.facts.push(t);
		run.voters.push(at);
	}
	flush();
	return out;
}

/** Where the voter stands in the roster, if the fact is exactly what unpacking would rebuild. */
function selfCastPosition(
	f: Turnout,
	position: ReadonlyMap<string, number>,
	roster: readonly RosterEntry[]
): number | null {
	const p = f.payload;
	const at = position.get(p.voterId);
	if (at === undefined || p.castBy !== p.voterId || p.via !== 'remote') return null;
	if (roster[at]!.userId !== f.actorId || Object.keys(p).length !== 4) return null;
	return at;
}

/** The facts again (closes without receipts); null when a run names a roster position the client does not have (it re-joins). */
export function unpackFacts(
	wire: readonly WireFact[],
	roster: readonly RosterEntry[]
): RecordedFact[] | null {
	const out: RecordedFact[] = [];
	for (const w of wire) {
		if (w.type !== 'ballot:turnout-run') {
			out.push(w);
			continue;
		}
		for (const [i, at] of w.voters.entries()) {
			const voter = roster[at];
			if (!voter) return null;
			out.push({
				type: 'ballot:turnout',
				payload: { motionId: w.motionId, voterId: voter.memberId, castBy: voter.memberId, via: 'remote' },
				seq: w.seq + i,
				actorId: voter.userId,
				occurredAt: w.occurredAt
			});
		}
	}
	return out;
}
