import type { MeetingState } from '$lib/domain/meeting/meeting-state';
import type { Motion } from '$lib/domain/voting/motion';

/** When a motion last changed in a way the room watches: proposed, put to the vote, or decided. */
const lastMoment = (m: Motion) =>
	[m.proposedAt, m.vote?.openedAt ?? '', m.outcome?.closedAt ?? ''].sort().at(-1)!;

/**
 * The motion the room is looking at: the one being voted on, else the one on the current item that
 * changed last (so a main motion decided after its amendment shows its own result).
 */
export function focusMotion(state: Pick<MeetingState, 'motions' | 'currentItemId'>): Motion | null {
	const voting = state.motions.find((m) => m.status === 'voting');
	if (voting) return voting;
	const onItem = state.motions.filter((m) => m.itemId === state.currentItemId && m.status !== 'withdrawn');
	// Later in the list wins a tie: it was proposed later.
	return onItem.reduce<Motion | null>(
		(best, m) => (!best || lastMoment(m) >= lastMoment(best) ? m : best),
		null
	);
}
