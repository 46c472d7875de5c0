import { evolve } from '$lib/domain/meeting/evolve';
import { ownedFold } from '$lib/domain/meeting/transient';
import type { RecordedFact } from '$lib/domain/meeting/meeting-events';
import type { MeetingState } from '$lib/domain/meeting/meeting-state';

/**
 * A screen hears the record by two paths: the room's broadcast, which carries every fact in order,
 * and the acknowledgement of its own command, which carries that command's facts and usually comes
 * first. In a vote of hundreds the ballot's facts sit behind others this screen has not heard yet;
 * asking the server for the gap would make every voter rejoin at once. So facts ahead of the state
 * wait here (`early`, by seq) until the broadcast reaches them, and take the place of the
 * broadcast's copy: the sender's copy may say more (its own choice, where the room hears only that
 * it voted).
 */
export type EarlyFacts = Map<number, RecordedFact>;

/** A screen's holding place; not shown, so not reactive state. */
export const earlyFacts = (): EarlyFacts => new Map();

export interface Folded {
	state: MeetingState;
	/** A fact is missing between the state and what arrived: ask the server for it. */
	gap: boolean;
}

/** Folds `facts` (from the broadcast or a join) in order, using the early copies where held. */
export function foldInOrder(state: MeetingState, facts: readonly RecordedFact[], early: EarlyFacts): Folded {
	// Only the last state is kept, so a batch of 500 ballots is not 500 copies of the turnout.
	const owned = ownedFold();
	let gap = false;
	for (const fact of facts) {
		if (fact.seq <= state.seq) continue; // already have it
		if (fact.seq !== state.seq + 1) {
			gap = true;
			break;
		}
		state = evolve(state, early.get(fact.seq) ?? fact, owned);
	}
	state = foldEarly(state, early, owned);
	return { state, gap };
}

/**
 * Folds the facts of this screen's own command as far as they follow on from the state and holds
 * the rest in `early`; `waiting` when some wait there for the broadcast.
 */
export function foldOwn(
	state: MeetingState,
	facts: readonly RecordedFact[],
	early: EarlyFacts
): { state: MeetingState; waiting: boolean } {
	for (const fact of facts) if (fact.seq > state.seq) early.set(fact.seq, fact);
	const next = foldEarly(state, early, ownedFold());
	return { state: next, waiting: early.size > 0 };
}

/** Folds the held facts that now follow on, and forgets those the state has passed. */
function foldEarly(
	state: MeetingState,
	early: EarlyFacts,
	owned: ReturnType<typeof ownedFold>
): MeetingState {
	for (let next = early.get(state.seq + 1); next; next = early.get(state.seq + 1)) {
		state = evolve(state, next, owned);
	}
	for (const seq of early.keys()) if (seq <= state.seq) early.delete(seq);
	return state;
}
