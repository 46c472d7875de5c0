import type { RosterEntry } from '../meeting/roster';
import type { Choice, Motion, VoteRun, VoteOutcome } from '../voting/motion';
import type { Counts, VoteOption } from '../voting/tally';
import type { MinutesMotion, MinutesVote } from './minutes';

type NameOf = (memberId: string) => string;

export const nameLookup = (roster: readonly RosterEntry[]): NameOf => {
	const byId = new Map(roster.map((r) => [r.memberId, r.name]));
	return (id) => byId.get(id) ?? id;
};

/** A motion as the minutes state it: its final text, who moved it, and how it was decided. */
export function motionRecord(
	motion: Motion,
	number: number,
	numbers: ReadonlyMap<string, number>,
	name: NameOf
): MinutesMotion {
	return {
		id: motion.id,
		number,
		kind: motion.kind,
		amends: motion.amends ? (numbers.get(motion.amends) ?? null) : null,
		text: motion.text,
		document: motion.document,
		mover: name(motion.moverId),
		moverId: motion.moverId,
		seconder: motion.seconderId ? name(motion.seconderId) : null,
		status: motion.status,
		proposedAt: motion.proposedAt,
		recusals: Object.entries(motion.recusals).map(([id, reason]) => ({ name: name(id), reason })),
		vote: motion.vote ? voteRecord(motion, motion.vote, motion.outcome, name) : null
	};
}

function voteRecord(motion: Motion, vote: VoteRun, outcome: VoteOutcome | null, name: NameOf): MinutesVote {
	const tally = outcome?.tally ?? null;
	const weighted = vote.rule.measure !== 'headcount';
	const approval = tally?.parts.filter((p) => p.test === 'approval') ?? [];
	return {
		secret: vote.secret,
		openedAt: vote.openedAt,
		closedAt: outcome?.closedAt ?? null,
		ruleId: vote.ruleId,
		quorumAtOpen: vote.quorumAtOpen,
		quorumAtClose: outcome?.quorumAtClose ?? null,
		result: outcome?.result ?? null,
		counts: tally?.counts ?? null,
		weights: weighted ? (tally?.weights ?? null) : null,
		weighted,
		// A secret vote's breakdown by group would name the choice of anyone alone in a group; only
		// the tests its rule itself requires (in `parts`) are published.
		...groupRows(motion, vote, !!(outcome && tally && !vote.secret)),
		parts: tally?.parts ?? [],
		thresholdMet: tally ? approval.every((p) => p.met) : null,
		handCounted: vote.handCount !== null,
		// Sorted, so that not even the order of voting is kept beside a secret ballot box.
		turnout: Object.keys(vote.turnout)
			.concat(vote.handCount?.voterIds ?? [])
			.map(name)
			.sort(),
		// The secret ballot box holds choices without voters; the log holds no choice for them.
		ballots: vote.secret
			? []
			: Object.values(vote.ballots)
					.filter((b) => motion.recusals[b.voterId] === undefined)
					.map((b) => ({
						voter: name(b.voterId),
						voterId: b.voterId,
						choice: choiceText(motion, b.choice),
						via: b.via,
						castBy: b.castBy === b.voterId ? null : name(b.castBy)
					})),
		election:
			outcome?.election && motion.form.kind === 'choose'
				? {
						ballots: outcome.election.ballots,
						candidates: motion.form.candidates.map((c) => ({
							label: c.label,
							votes: outcome.election!.votes[c.id] ?? 0,
							elected: outcome.election!.elected.includes(c.id)
						})),
						tiedAtCut: outcome.election.tiedAtCut.map((id) =>
							motion.form.kind === 'choose'
								? (motion.form.candidates.find((c) => c.id === id)?.label ?? id)
								: id
						)
					}
				: null
	};
}

/** Picks of an election by their labels; yes/no/abstain as they are (renderers translate them). */
function choiceText(motion: Motion, choice: Choice): string {
	if (typeof choice === 'string') return choice;
	const labels = motion.form.kind === 'choose' ? motion.form.candidates : [];
	return choice.map((id) => labels.find((c) => c.id === id)?.label ?? id).join(', ');
}

type GroupRows = Pick<MinutesVote, 'byConstituency' | 'ungrouped' | 'handTotals'>;

/**
 * Counts per constituency of a closed open vote, from its named ballots, with what falls in no
 * constituency beside them: members without one, and hands counted as totals.
 */
function groupRows(motion: Motion, vote: VoteRun, published: boolean): GroupRows {
	const none: GroupRows = { byConstituency: [], ungrouped: null, handTotals: null };
	const groups = new Set(vote.voters.map((v) => v.constituency).filter((c): c is string => !!c));
	if (!published || groups.size < 2 || motion.form.kind !== 'yes-no-abstain') return none;
	const of = new Map(vote.voters.map((v) => [v.memberId, v.constituency || null]));
	const choices = Object.values(vote.ballots)
		.filter((b) => motion.recusals[b.voterId] === undefined)
		.map((b) => ({ constituency: of.get(b.voterId) ?? null, choice: b.choice }));
	const countOf = (constituency: string | null) => {
		const counts: Counts = { yes: 0, no: 0, abstain: 0 };
		for (const b of choices) {
			if (b.constituency === constituency && typeof b.choice === 'string')
				counts[b.choice as VoteOption] += 1;
		}
		return counts;
	};
	const ungrouped = countOf(null);
	const hands = vote.handCount?.counts;
	return {
		byConstituency: [...groups]
			.sort()
			.map((constituency) => ({ constituency, counts: countOf(constituency) })),
		ungrouped: ungrouped.yes + ungrouped.no + ungrouped.abstain > 0 ? ungrouped : null,
		handTotals: hands ? { yes: hands.yes ?? 0, no: hands.no ?? 0, abstain: hands.abstain ?? 0 } : null
	};
}
