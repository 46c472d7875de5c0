import type { RecordedFact } from '../domain/meeting/meeting-events';
import type { MeetingState } from '../domain/meeting/meeting-state';
import type { Motion } from '../domain/voting/motion';

/**
 * What the socket withholds from the record, served instead by `ballotsPath` once a vote closes:
 *
 * - a secret vote's published ballots (receipt tag and choice per voter): at close they would be
 *   2,000 × 130 bytes to each of 2,000 screens, for a list only a voter checking a receipt opens;
 *   `vote:close` facts and snapshots cross with `receipts: []`;
 * - the choices of an open vote whose running tally is hidden, until it closes: a ballot cast from
 *   a device (or by proxy) crosses as `ballot:turnout`, who voted without what. Roll-call ballots
 *   are called out in the room and cross as they are.
 */
export const ballotsPath = (councilId: string, meetingId: string, motionId: string) =>
	`/councils/${councilId}/meetings/${meetingId}/motions/${motionId}/ballots.json`;

const hides = (m: Motion) => m.vote !== null && !m.vote.secret && m.vote.hideRunningTally;

/**
 * Open votes that hide their running tally: for live facts every such vote (a batch may hold the
 * close after its last ballots), for catching up only those still open.
 */
export function hiddenVotes(state: MeetingState, which: 'live' | 'still-voting'): Set<string> {
	return new Set(
		state.motions.filter((m) => hides(m) && (which === 'live' || m.status === 'voting')).map((m) => m.id)
	);
}

/** One fact as the socket carries it (see above). */
export function factForWire(f: RecordedFact, hidden: ReadonlySet<string>): RecordedFact {
	if (f.type === 'vote:close' && f.payload.receipts.length > 0)
		return { ...f, payload: { ...f.payload, receipts: [] } };
	if (f.type === 'ballot:cast' && f.payload.via !== 'roll-call' && hidden.has(f.payload.motionId)) {
		const { motionId, voterId, castBy, via } = f.payload;
		const { seq, actorId, occurredAt } = f;
		return { type: 'ballot:turnout', payload: { motionId, voterId, castBy, via }, seq, actorId, occurredAt };
	}
	return f;
}

export const factsForWire = (facts: readonly RecordedFact[], hidden: ReadonlySet<string> = new Set()) =>
	facts.map((f) => factForWire(f, hidden));

/** The state as a joining screen receives it (see above). */
export function snapshotForWire(state: MeetingState): MeetingState {
	const withheld = (m: Motion) =>
		(m.outcome?.receipts.length ?? 0) > 0 || (m.status === 'voting' && hides(m));
	if (!state.motions.some(withheld)) return state;
	return {
		...state,
		motions: state.motions.map((m) => {
			if (!withheld(m)) return m;
			const outcome = m.outcome && { ...m.outcome, receipts: [] };
			if (m.status !== 'voting' || !m.vote) return { ...m, outcome };
			const called = Object.entries(m.vote.ballots).filter(([, b]) => b.via === 'roll-call');
			return { ...m, outcome, vote: { ...m.vote, ballots: Object.fromEntries(called) } };
		})
	};
}
