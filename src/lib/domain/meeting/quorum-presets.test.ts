import { describe, expect, it } from 'vitest';
import { presetOf, presetRule, QUORUM_PRESET_IDS } from './quorum-presets';
import { QuorumPreset } from './quorum';

describe('quorum presets', () => {
	it('[quorum:presets] every preset is recognised again from the rule it stores, with or without proxies', () => {
		for (const id of QUORUM_PRESET_IDS) {
			expect(presetOf(presetRule(id, true))).toBe(id);
			expect(presetOf(presetRule(id, false))).toBe(id);
		}
	});

	it('[quorum:presets] the default council rule and the Civil Code rule are presets', () => {
		expect(presetOf(QuorumPreset.majorityOfMembers)).toBe('majority-of-members');
		expect(presetOf(QuorumPreset.civilCode278)).toBe('civil-code-278');
	});

	it('[quorum:presets] a custom rule is not mistaken for a preset', () => {
		expect(
			presetOf({ kind: 'headcount', headcount: { type: 'count', count: 7 }, proxiesCount: true })
		).toBeNull();
	});
});
