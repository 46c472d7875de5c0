import type { RecordedFact } from '../domain/meeting/meeting-events';
import type { RosterEntry } from '../domain/meeting/roster';

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

/** `facts` with each run of two or more self-cast turnout facts packed (see TurnoutRun). */
export function packFacts(facts: readonly RecordedFact[], roster: readonly RosterEntry[]): WireFact[] {
	// The roster the client unpacks with is the one it holds before these facts: only an opening changes it.
	if (roster.length === 0 || facts.some((f) => f.type === 'meeting:open')) return [...facts];
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

/** The facts again; null when a run names a roster position the client does not have (it re-joins). */
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
