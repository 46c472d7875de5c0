import { evolve } from '../meeting/evolve';
import type { RecordedFact } from '../meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../meeting/meeting-state';

/**
 * The meeting's final state, folded for the minutes. `evolve` copies a vote's ballots on every
 * ballot (right for live screens, which keep each state), which is quadratic over a large vote; the
 * minutes keep only the end state, so ballots are added in place to the vote this fold created.
 */
export function foldRecord(facts: readonly RecordedFact[]): MeetingState {
	let state = initialMeetingState;
	for (const f of facts) {
		if (f.type !== 'ballot:cast' && f.type !== 'ballot:turnout') {
			state = evolve(state, f);
			continue;
		}
		const vote = state.motions.find((m) => m.id === f.payload.motionId)?.vote;
		if (!vote) continue;
		const p = f.payload;
		vote.turnout[p.voterId] = { castBy: p.castBy, via: p.via };
		if (f.type === 'ballot:cast') {
			vote.ballots[p.voterId] = {
				voterId: p.voterId,
				castBy: p.castBy,
				via: p.via,
				choice: f.payload.choice,
				receiptTag: f.payload.receiptTag,
				castAt: f.occurredAt
			};
		}
	}
	return state;
}
