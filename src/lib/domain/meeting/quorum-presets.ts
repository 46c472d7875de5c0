import { MAJORITY, TWO_THIRDS_AT_LEAST } from './threshold';
import type { QuorumRule } from './quorum';

/** The quorum rules a council picks from; the stored rule is the full object, so presets may grow. */
export const QUORUM_PRESETS = {
	/** More than half of the voting members present (residents' councils, associations). */
	'majority-of-members': { kind: 'headcount', headcount: MAJORITY, proxiesCount: true },
	/** More than half of the total vote weight (e.g. floor area) present. */
	'majority-of-weight': { kind: 'weighted', weight: MAJORITY, proxiesCount: true },
	/** Civil Code art. 278: owners with at least 2/3 of the area and at least 2/3 of the owners take part. */
	'civil-code-278': {
		kind: 'double',
		headcount: TWO_THIRDS_AT_LEAST,
		weight: TWO_THIRDS_AT_LEAST,
		proxiesCount: true
	},
	/** At least two thirds of the voting members present. */
	'two-thirds-of-members': { kind: 'headcount', headcount: TWO_THIRDS_AT_LEAST, proxiesCount: true }
} as const satisfies Record<string, QuorumRule>;

export type QuorumPresetId = keyof typeof QUORUM_PRESETS;
export const QUORUM_PRESET_IDS = Object.keys(QUORUM_PRESETS) as QuorumPresetId[];

/** Which preset a stored rule is (ignoring whether proxies count), or null for a custom rule. */
export function presetOf(rule: QuorumRule): QuorumPresetId | null {
	const strip = (r: QuorumRule) => JSON.stringify({ ...r, proxiesCount: undefined });
	return QUORUM_PRESET_IDS.find((id) => strip(QUORUM_PRESETS[id]) === strip(rule)) ?? null;
}

export function presetRule(id: QuorumPresetId, proxiesCount: boolean): QuorumRule {
	return { ...QUORUM_PRESETS[id], proxiesCount };
}
