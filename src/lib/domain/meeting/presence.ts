import { evaluateQuorum, type QuorumStatus } from './quorum';
import type { MeetingState } from './meeting-state';

export function presentMembers(state: Pick<MeetingState, 'attendance'>): Set<string> {
	return new Set(
		Object.values(state.attendance)
			.filter((a) => a.present)
			.map((a) => a.memberId)
	);
}

/** Absent members whose proxy holder is present; a grant lapses while its giver is here. */
export function representedMembers(state: Pick<MeetingState, 'attendance' | 'proxies'>): Set<string> {
	return representedAmong(presentMembers(state), state.proxies);
}

/** The same rule over a given presence, for deciding on attendance that is not yet in the state. */
export function representedAmong(
	present: ReadonlySet<string>,
	proxies: Readonly<Record<string, string>>
): Set<string> {
	return new Set(
		Object.entries(proxies)
			.filter(([giver, holder]) => !present.has(giver) && present.has(holder))
			.map(([giver]) => giver)
	);
}

export function currentQuorum(
	state: Pick<MeetingState, 'attendance' | 'proxies' | 'roster' | 'rules'>
): QuorumStatus | null {
	if (!state.rules) return null;
	return evaluateQuorum(state.rules.quorum, state.roster, presentMembers(state), representedMembers(state));
}
