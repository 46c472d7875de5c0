import { MAJORITY, TWO_THIRDS_AT_LEAST, type Threshold } from '../meeting/threshold';

/**
 * What a "yes" is measured against:
 * - `cast`: the votes cast (Robert's Rules' "majority of votes cast");
 * - `present`: the voting members present (or represented) when voting opened;
 * - `members`: the entire voting membership.
 */
export type ApprovalBase = 'cast' | 'present' | 'members';

/** Headcount, weight (e.g. floor area), or both must pass (Civil Code art. 278's double majority). */
export type Measure = 'headcount' | 'weight' | 'both';

export interface DecisionRule {
	base: ApprovalBase;
	threshold: Threshold;
	/** Whether abstentions count in a `cast` base (they do for owners' assemblies: an abstainer participates). */
	abstentionsInBase: boolean;
	measure: Measure;
	/** Also require the threshold within every constituency (residents, property, merchants…). */
	perConstituency: boolean;
	/** Participation required before approval is even considered (art. 278: 2/3 of owners and area). */
	participation: Threshold | null;
}

const THREE_QUARTERS_AT_LEAST: Threshold = {
	type: 'fraction',
	numerator: 3,
	denominator: 4,
	inclusive: true
};

export const DECISION_PRESETS = {
	/** Robert's Rules, ordinary: more than half of the votes cast; abstentions do not count. */
	'robert-majority': {
		base: 'cast',
		threshold: MAJORITY,
		abstentionsInBase: false,
		measure: 'headcount',
		perConstituency: false,
		participation: null
	},
	/** Robert's Rules, two-thirds of the votes cast. */
	'robert-two-thirds': {
		base: 'cast',
		threshold: TWO_THIRDS_AT_LEAST,
		abstentionsInBase: false,
		measure: 'headcount',
		perConstituency: false,
		participation: null
	},
	/** Civil Code art. 278, ordinary matters: ≥ 2/3 take part; more than half of participating owners and area. */
	'civil-code-278-ordinary': {
		base: 'cast',
		threshold: MAJORITY,
		abstentionsInBase: true,
		measure: 'both',
		perConstituency: false,
		participation: TWO_THIRDS_AT_LEAST
	},
	/** Civil Code art. 278, special matters (maintenance funds, rebuilding, charging for common parking): ≥ 3/4 of participants. */
	'civil-code-278-special': {
		base: 'cast',
		threshold: THREE_QUARTERS_AT_LEAST,
		abstentionsInBase: true,
		measure: 'both',
		perConstituency: false,
		participation: TWO_THIRDS_AT_LEAST
	},
	/** Residents' council: more than half of the members present. */
	'residents-majority-present': {
		base: 'present',
		threshold: MAJORITY,
		abstentionsInBase: true,
		measure: 'headcount',
		perConstituency: false,
		participation: null
	}
} as const satisfies Record<string, DecisionRule>;

export type DecisionPresetId = keyof typeof DECISION_PRESETS;
