import type { CastVia, Motion, VoteRun } from '$lib/domain/voting/motion';
import type { Counts } from '$lib/domain/voting/tally';

export interface Turnout {
	/** Present or represented when voting opened, and not recused. */
	eligible: number;
	voted: number;
	byVia: Record<CastVia, number>;
	/** In the room when hands were counted, and not counted any other way. */
	byHand: number;
}

/** Who may vote and who has, as every screen shows it while the vote is open. */
export function turnoutOf(motion: Motion & { vote: VoteRun }): Turnout {
	const { vote, recusals } = motion;
	const eligible = vote.voters.filter((v) => v.present && recusals[v.memberId] === undefined);
	const byVia: Record<CastVia, number> = { remote: 0, 'roll-call': 0, proxy: 0 };
	for (const [voterId, t] of Object.entries(vote.turnout))
		if (recusals[voterId] === undefined) byVia[t.via] += 1;
	const byHand = vote.handCount?.voterIds.filter((id) => !vote.turnout[id]).length ?? 0;
	return {
		eligible: eligible.length,
		voted: byVia.remote + byVia['roll-call'] + byVia.proxy + byHand,
		byVia,
		byHand
	};
}

/** The named ballots so far plus any hand totals: only ever shown for open votes. */
export function runningCounts(motion: Motion & { vote: VoteRun }): Counts {
	const counts: Counts = { yes: 0, no: 0, abstain: 0 };
	for (const b of Object.values(motion.vote.ballots))
		if (typeof b.choice === 'string' && motion.recusals[b.voterId] === undefined) counts[b.choice] += 1;
	for (const option of ['yes', 'no', 'abstain'] as const)
		counts[option] += motion.vote.handCount?.counts[option] ?? 0;
	return counts;
}

/** Running votes per candidate in an open election. */
export function runningElection(motion: Motion & { vote: VoteRun }): Record<string, number> {
	const votes: Record<string, number> = {};
	if (motion.form.kind !== 'choose') return votes;
	for (const c of motion.form.candidates) votes[c.id] = motion.vote.handCount?.counts[c.id] ?? 0;
	for (const b of Object.values(motion.vote.ballots))
		if (Array.isArray(b.choice) && motion.recusals[b.voterId] === undefined)
			for (const id of b.choice) if (id in votes) votes[id]! += 1;
	return votes;
}
