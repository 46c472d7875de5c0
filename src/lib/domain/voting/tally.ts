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
	const counted = voters.filter((v) => ballots.has(v.memberId));
	const overall = scopeParts('overall', rule, voters, counted, ballots);
	const groups = rule.perConstituency ? [...new Set(voters.map((v) => v.constituency ?? ''))].sort() : [];
	const perGroup = groups.flatMap((g) =>
		scopeParts(
			{ constituency: g },
			rule,
			voters.filter((v) => (v.constituency ?? '') === g),
			counted.filter((v) => (v.constituency ?? '') === g),
			ballots
		)
	);
	const parts = [...overall, ...perGroup];
	return {
		carried: parts.every((p) => p.met),
		counts: sums(counted, ballots, () => 1),
		weights: sums(counted, ballots, (v) => v.weightCents),
		parts
	};
}

function scopeParts(
	scope: TallyPart['scope'],
	rule: DecisionRule,
	voters: readonly Voter[],
	counted: readonly Voter[],
	ballots: ReadonlyMap<string, VoteOption>
): TallyPart[] {
	const measures: ('headcount' | 'weight')[] =
		rule.measure === 'both' ? ['headcount', 'weight'] : [rule.measure];
	return measures.flatMap((measure) => {
		const size = measure === 'headcount' ? () => 1 : (v: Voter) => v.weightCents;
		const total = (list: readonly Voter[]) => list.reduce((s, v) => s + size(v), 0);
		const c = sums(counted, ballots, size);
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

function sums(
	voters: readonly Voter[],
	ballots: ReadonlyMap<string, VoteOption>,
	size: (v: Voter) => number
): Counts {
	const out: Counts = { yes: 0, no: 0, abstain: 0 };
	for (const v of voters) out[ballots.get(v.memberId)!] += size(v);
	return out;
}
