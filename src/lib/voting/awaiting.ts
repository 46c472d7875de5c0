import { isVotingRole } from '$lib/domain/council/role';
import type { MeetingActor } from '$lib/domain/meeting/decide';
import type { MeetingState } from '$lib/domain/meeting/meeting-state';
import type { Motion, VoteRun } from '$lib/domain/voting/motion';

/** A ballot the reader may cast: their own, or one for a member whose proxy they hold. */
export interface ReaderBallot {
	motionId: string;
	voterId: string;
}

/** The id of a ballot card in the room, for links to it. */
export const ballotCardId = (b: ReaderBallot) => `ballot-card-${b.motionId}-${b.voterId}`;

const eligible = (motion: Motion & { vote: VoteRun }, id: string) =>
	motion.vote.voters.some((v) => v.memberId === id && v.present) && motion.recusals[id] === undefined;

/**
 * Whose ballots the reader holds in this vote: their own if they may vote in it, and one per member
 * whose proxy they hold and who was represented when voting opened.
 */
export function ballotsHeld(
	motion: Motion & { vote: VoteRun },
	proxies: MeetingState['proxies'],
	me: MeetingActor | null
): { mine: string | null; proxies: string[] } {
	if (!me) return { mine: null, proxies: [] };
	return {
		mine: isVotingRole(me.role) && eligible(motion, me.memberId) ? me.memberId : null,
		proxies: Object.entries(proxies)
			.filter(([giver, holder]) => holder === me.memberId && eligible(motion, giver))
			.map(([giver]) => giver)
	};
}

/**
 * The reader's ballots in the votes open now (the same ones the room shows them a card for), and
 * which of them still wait: not cast by anyone and not counted by a show of hands.
 */
export function readerBallots(
	state: Pick<MeetingState, 'motions' | 'proxies'>,
	me: MeetingActor | null
): { all: ReaderBallot[]; waiting: ReaderBallot[] } {
	const all: ReaderBallot[] = [];
	const waiting: ReaderBallot[] = [];
	if (!me) return { all, waiting };
	for (const motion of state.motions) {
		if (motion.status !== 'voting' || !motion.vote) continue;
		const open = { ...motion, vote: motion.vote };
		const held = ballotsHeld(open, state.proxies, me);
		for (const voterId of [...(held.mine ? [held.mine] : []), ...held.proxies]) {
			const ballot = { motionId: motion.id, voterId };
			all.push(ballot);
			if (!open.vote.turnout[voterId] && !open.vote.handCount?.voterIds.includes(voterId))
				waiting.push(ballot);
		}
	}
	return { all, waiting };
}
