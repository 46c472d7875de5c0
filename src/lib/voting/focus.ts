import type { MeetingState } from '$lib/domain/meeting/meeting-state';
import type { Motion } from '$lib/domain/voting/motion';

/** The motion the room is looking at: the one being voted on, else the latest on the current item. */
export function focusMotion(state: Pick<MeetingState, 'motions' | 'currentItemId'>): Motion | null {
	const voting = state.motions.find((m) => m.status === 'voting');
	if (voting) return voting;
	const onItem = state.motions.filter((m) => m.itemId === state.currentItemId && m.status !== 'withdrawn');
	return onItem.at(-1) ?? null;
}
