import { isVotingRole } from '../council/role';
import { meets, smallestMeeting, TWO_THIRDS_AT_LEAST, MAJORITY, type Threshold } from './threshold';
import type { RosterEntry } from './roster';

/** How a body decides whether enough of it is here to act. */
export type QuorumRule =
	| { kind: 'headcount'; headcount: Threshold; proxiesCount: boolean }
	| { kind: 'weighted'; weight: Threshold; proxiesCount: boolean }
	| { kind: 'double'; headcount: Threshold; weight: Threshold; proxiesCount: boolean };

export const QuorumPreset = {
	/** A simple majority of voting members present. */
	majorityOfMembers: { kind: 'headcount', headcount: MAJORITY, proxiesCount: true },
	/** Civil Code art. 278: owners with ≥ 2/3 of the area and ≥ 2/3 of the owners take part. */
	civilCode278: {
		kind: 'double',
		headcount: TWO_THIRDS_AT_LEAST,
		weight: TWO_THIRDS_AT_LEAST,
		proxiesCount: true
	}
} as const satisfies Record<string, QuorumRule>;

export interface QuorumPart {
	measure: 'headcount' | 'weight';
	present: number;
	required: number;
	total: number;
	met: boolean;
}

export interface QuorumStatus {
	met: boolean;
	parts: QuorumPart[];
}

/**
 * Quorum over the voting members of the roster. `present` are members in the room or online;
 * `represented` are absent members whose proxy holder is present (counted if the rule says so).
 */
export function evaluateQuorum(
	rule: QuorumRule,
	roster: readonly RosterEntry[],
	present: ReadonlySet<string>,
	represented: ReadonlySet<string>
): QuorumStatus {
	const voters = roster.filter((r) => isVotingRole(r.role));
	const counted = voters.filter(
		(r) => present.has(r.memberId) || (rule.proxiesCount && represented.has(r.memberId))
	);
	const headcount = part('headcount', counted.length, voters.length);
	const weight = part(
		'weight',
		sum(counted.map((r) => r.weightCents)),
		sum(voters.map((r) => r.weightCents))
	);
	function part(measure: QuorumPart['measure'], value: number, total: number): (t: Threshold) => QuorumPart {
		return (t) => ({
			measure,
			present: value,
			total,
			required: smallestMeeting(t, total),
			met: meets(t, value, total) && total > 0
		});
	}
	const parts =
		rule.kind === 'headcount'
			? [headcount(rule.headcount)]
			: rule.kind === 'weighted'
				? [weight(rule.weight)]
				: [headcount(rule.headcount), weight(rule.weight)];
	return { met: parts.every((p) => p.met), parts };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
