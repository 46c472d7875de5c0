import { meets, smallestMeeting, type Threshold } from '../meeting/threshold';
import type { DecisionRule } from './decision-rule';

export type VoteOption = 'yes' | 'no' | 'abstain';

/** A voter as the vote knows them: eligible when voting opened, with weight and constituency. */
export interface Voter {
	memberId: string;
	weightCents: number;
	constituency: string | null;
	/** Present (or represented) when voting opened; the base of `present` rules. */
	present: boolean;
}

/** A ballot as counted: its choice and what it weighs, whoever cast it (secret ballots have no voter). */
export interface CountedBallot {
	choice: VoteOption;
	weightCents: number;
	constituency: string | null;
}

export interface Counts {
	yes: number;
	no: number;
	abstain: number;
}

export interface TallyPart {
	scope: 'overall' | { constituency: string };
	measure: 'headcount' | 'weight';
	test: 'participation' | 'approval';
	value: number;
	base: number;
	/** The smallest value that meets the threshold for this base. */
	required: number;
	met: boolean;
}

export interface Tally {
	carried: boolean;
	counts: Counts;
	weights: Counts;
	parts: TallyPart[];
}

/**
 * Decides a vote from one ballot per voter. Ballots from voters not in `voters` are ignored (the
 * caller has already refused them); the result never depends on ballot order.
 */
export function tallyVote(
	rule: DecisionRule,
	voters: readonly Voter[],
	ballots: ReadonlyMap<string, VoteOption>
): Tally {
	const counted = voters
		.filter((v) => ballots.has(v.memberId))
		.map((v) => ({
			choice: ballots.get(v.memberId)!,
			weightCents: v.weightCents,
			constituency: v.constituency
		}));
	return tallyBallots(rule, voters, counted);
}

/**
 * Decides a vote from ballots that need not name their voter (secret ballots, hand counts):
 * `voters` give the bases (present, members, participation), `ballots` the choices.
 */
export function tallyBallots(
	rule: DecisionRule,
	voters: readonly Voter[],
	ballots: readonly CountedBallot[]
): Tally {
	const overall = scopeParts('overall', rule, voters, ballots);
	const groups = rule.perConstituency ? [...new Set(voters.map((v) => v.constituency ?? ''))].sort() : [];
	const perGroup = groups.flatMap((g) =>
		scopeParts(
			{ constituency: g },
			rule,
			voters.filter((v) => (v.constituency ?? '') === g),
			ballots.filter((b) => (b.constituency ?? '') === g)
		)
	);
	const parts = [...overall, ...perGroup];
	return {
		carried: parts.every((p) => p.met),
		counts: sums(ballots, () => 1),
		weights: sums(ballots, (b) => b.weightCents),
		parts
	};
}

function scopeParts(
	scope: TallyPart['scope'],
	rule: DecisionRule,
	voters: readonly Voter[],
	ballots: readonly CountedBallot[]
): TallyPart[] {
	const measures: ('headcount' | 'weight')[] =
		rule.measure === 'both' ? ['headcount', 'weight'] : [rule.measure];
	return measures.flatMap((measure) => {
		const size = measure === 'headcount' ? () => 1 : (v: { weightCents: number }) => v.weightCents;
		const total = (list: readonly Voter[]) => list.reduce((s, v) => s + size(v), 0);
		const c = sums(ballots, size);
		const out: TallyPart[] = [];
		if (rule.participation) {
			out.push(
				part(scope, measure, 'participation', rule.participation, c.yes + c.no + c.abstain, total(voters))
			);
		}
		const base =
			rule.base === 'members'
				? total(voters)
				: rule.base === 'present'
					? total(voters.filter((v) => v.present))
					: c.yes + c.no + (rule.abstentionsInBase ? c.abstain : 0);
		out.push(part(scope, measure, 'approval', rule.threshold, c.yes, base));
		return out;
	});
}

function part(
	scope: TallyPart['scope'],
	measure: TallyPart['measure'],
	test: TallyPart['test'],
	threshold: Threshold,
	value: number,
	base: number
): TallyPart {
	// Nothing can be approved by nobody: an empty base never carries.
	return {
		scope,
		measure,
		test,
		value,
		base,
		required: smallestMeeting(threshold, base),
		met: base > 0 && meets(threshold, value, base)
	};
}

function sums(ballots: readonly CountedBallot[], size: (b: CountedBallot) => number): Counts {
	const out: Counts = { yes: 0, no: 0, abstain: 0 };
	for (const b of ballots) out[b.choice] += size(b);
	return out;
}
