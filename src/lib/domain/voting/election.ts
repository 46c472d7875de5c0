import type { Candidate } from './motion';

export interface ElectionTally {
	/** Ballots taken part (an empty pick is an abstention and still takes part). */
	ballots: number;
	votes: Record<string, number>;
	/** Candidates in order of votes; the first `choose` are elected unless a tie straddles the cut. */
	ranking: string[];
	elected: string[];
	/** Candidates tied across the last seat: the council breaks the tie (a run-off or lot). */
	tiedAtCut: string[];
}

/**
 * "Choose up to k of n": each ballot gives one vote to each candidate it picks; the k with most
 * votes are elected. A tie across the k-th seat elects nobody to the tied seats and says so.
 */
export function tallyElection(
	candidates: readonly Candidate[],
	choose: number,
	ballots: readonly (readonly string[])[],
	handCounts: Readonly<Record<string, number>> = {},
	handBallots = 0
): ElectionTally {
	const votes: Record<string, number> = Object.fromEntries(
		candidates.map((c) => [c.id, handCounts[c.id] ?? 0])
	);
	for (const picks of ballots) for (const id of new Set(picks)) if (id in votes) votes[id]! += 1;
	const order = new Map(candidates.map((c, i) => [c.id, i]));
	const ranking = candidates
		.map((c) => c.id)
		.sort((a, b) => votes[b]! - votes[a]! || order.get(a)! - order.get(b)!);
	const seats = Math.min(choose, ranking.length);
	const cutVotes = seats > 0 ? votes[ranking[seats - 1]!]! : 0;
	const nextVotes = seats < ranking.length ? votes[ranking[seats]!]! : -1;
	const tiedAtCut = seats > 0 && cutVotes === nextVotes ? ranking.filter((id) => votes[id] === cutVotes) : [];
	const elected = ranking.slice(0, seats).filter((id) => votes[id]! > 0 && !tiedAtCut.includes(id));
	return { ballots: ballots.length + handBallots, votes, ranking, elected, tiedAtCut };
}
