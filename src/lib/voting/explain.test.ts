import { describe, expect, it } from 'vitest';
import { DECISION_PRESETS } from '$lib/domain/voting/decision-rule';
import { tallyElection } from '$lib/domain/voting/election';
import { tallyBallots, type Tally, type Voter } from '$lib/domain/voting/tally';
import { DECISION_PRESET_IDS } from '$lib/protocol/voting.schema';
import {
	choiceText,
	countsText,
	explainElection,
	explainTally,
	formatWeight,
	presetName,
	quorumText
} from './explain';

const special = DECISION_PRESETS['civil-code-278-special'];

/** Art. 278, special matter: 380 owners / 36,000 m²; 270 owners with 26,100 m² take part. */
const parkingFee: Tally = {
	carried: true,
	counts: { yes: 203, no: 50, abstain: 17 },
	weights: { yes: 1_957_500, no: 500_000, abstain: 152_500 },
	parts: [
		{
			scope: 'overall',
			measure: 'headcount',
			test: 'participation',
			value: 270,
			base: 380,
			required: 254,
			met: true
		},
		{
			scope: 'overall',
			measure: 'headcount',
			test: 'approval',
			value: 203,
			base: 270,
			required: 203,
			met: true
		},
		{
			scope: 'overall',
			measure: 'weight',
			test: 'participation',
			value: 2_610_000,
			base: 3_600_000,
			required: 2_400_000,
			met: true
		},
		{
			scope: 'overall',
			measure: 'weight',
			test: 'approval',
			value: 1_957_500,
			base: 2_610_000,
			required: 1_957_500,
			met: true
		}
	]
};

describe('explaining a result', () => {
	it('[vote:explain] an owners’ assembly decision reads in words and numbers, in English', () => {
		const e = explainTally('carried', parkingFee, special, 'en');
		expect(e.verdict).toBe('Carried');
		expect(e.parts.map((p) => p.text)).toEqual([
			'270 of 380 members took part (needs ≥ 254)',
			'203 of 270 participating members in favour (needs ≥ 203)',
			'26,100 of 36,000 m² took part (needs ≥ 24,000)',
			'19,575 of 26,100 participating m² in favour (needs ≥ 19,575)'
		]);
		expect(e.summary).toBe(
			'Carried: 270 of 380 members took part (needs ≥ 254); and 203 of 270 participating members in favour (needs ≥ 203); and 26,100 of 36,000 m² took part (needs ≥ 24,000); and 19,575 of 26,100 participating m² in favour (needs ≥ 19,575)'
		);
	});

	it('[vote:explain] the same decision in Chinese', () => {
		const e = explainTally('carried', parkingFee, special, 'zh');
		expect(e.summary).toBe(
			'通过：参与表决 270 人，共 380 人（需 ≥ 254）；赞成 203 人，参与表决 270 人（需 ≥ 203）；参与表决 26,100 ㎡，共 36,000 ㎡（需 ≥ 24,000）；赞成 19,575 ㎡，参与表决 26,100 ㎡（需 ≥ 19,575）'
		);
	});

	it('[vote:explain] a Robert’s Rules vote is measured against the votes cast, from the real tally', () => {
		const voters: Voter[] = ['a', 'b', 'c', 'd', 'e'].map((memberId) => ({
			memberId,
			weightCents: 100,
			constituency: null,
			present: true
		}));
		const ballots = (['yes', 'yes', 'no', 'abstain'] as const).map((choice) => ({
			choice,
			weightCents: 100,
			constituency: null
		}));
		const tally = tallyBallots(DECISION_PRESETS['robert-majority'], voters, ballots);
		const e = explainTally('carried', tally, DECISION_PRESETS['robert-majority'], 'en');
		expect(e.parts).toEqual([{ text: '2 of 3 votes cast in favour (needs ≥ 2)', met: true }]);
		expect(countsText(tally.counts, 'en')).toBe('Yes 2 · No 1 · Abstain 1');
		expect(countsText(tally.counts, 'zh')).toBe('赞成 2 · 反对 1 · 弃权 1');
	});

	it('[vote:explain] a rule of those present names the present members as the base, and marks what failed', () => {
		const rule = DECISION_PRESETS['residents-majority-present'];
		const tally: Tally = {
			carried: false,
			counts: { yes: 2, no: 1, abstain: 1 },
			weights: { yes: 0, no: 0, abstain: 0 },
			parts: [
				{
					scope: 'overall',
					measure: 'headcount',
					test: 'approval',
					value: 2,
					base: 5,
					required: 3,
					met: false
				}
			]
		};
		const e = explainTally('failed', tally, rule, 'en');
		expect(e.summary).toBe('Not carried: 2 of 5 members present in favour (needs ≥ 3)');
		expect(e.parts[0]!.met).toBe(false);
		expect(explainTally('failed', tally, rule, 'zh').summary).toBe('未通过：赞成 2 人，到会 5 人（需 ≥ 3）');
	});

	it('[vote:explain] per-constituency tests name their group; no quorum at close says no decision', () => {
		const rule = { ...DECISION_PRESETS['robert-majority'], perConstituency: true };
		const tally: Tally = {
			carried: true,
			counts: { yes: 1, no: 0, abstain: 0 },
			weights: { yes: 0, no: 0, abstain: 0 },
			parts: [
				{
					scope: { constituency: '商户 Merchants' },
					measure: 'headcount',
					test: 'approval',
					value: 1,
					base: 1,
					required: 1,
					met: true
				}
			]
		};
		const e = explainTally('no-quorum', tally, rule, 'en');
		expect(e.verdict).toBe('No quorum at close: no decision');
		expect(e.parts[0]!.text).toBe('商户 Merchants: 1 of 1 votes cast in favour (needs ≥ 1)');
	});

	it('[vote:explain] an election names who is elected and who ties across the last seat', () => {
		const candidates = [
			{ id: 'c1', label: '覃丽' },
			{ id: 'c2', label: '梁伟' },
			{ id: 'c3', label: '莫海燕' }
		];
		const election = tallyElection(candidates, 2, [['c1', 'c2'], ['c1', 'c3'], ['c1']]);
		const e = explainElection('failed', election, candidates, 'zh');
		expect(e.parts.map((p) => p.text)).toEqual([
			'当选：覃丽',
			'末位同票：梁伟、莫海燕，由会议决定（再次投票或抽签）',
			'3 张选票，得票：覃丽 3、梁伟 1、莫海燕 1'
		]);
		expect(
			explainElection('carried', tallyElection(candidates, 1, [['c2']]), candidates, 'en').parts[0]!.text
		).toBe('Elected: 梁伟');
	});

	it('[vote:explain] weights are hundredths, shown with grouping and at most two decimals', () => {
		expect(formatWeight(895_050, 'en')).toBe('8,950.5');
		expect(formatWeight(12_030, 'zh')).toBe('120.3');
		expect(formatWeight(1, 'en')).toBe('0.01');
	});

	it('[vote:explain] quorum at open or close reads like the room’s quorum panel', () => {
		const status = {
			met: true,
			parts: [{ measure: 'headcount' as const, present: 4, required: 3, total: 5, met: true }]
		};
		expect(quorumText(status, 'en')).toBe('Quorum present (Members: 4 of 5, 3 needed)');
		expect(quorumText(status, 'zh')).toBe('已达到法定人数（人数：4 / 需要 3（共 5））');
	});

	it('[vote:presets] every preset has a distinct name in both languages', () => {
		for (const locale of ['zh', 'en'] as const) {
			const names = DECISION_PRESET_IDS.map((id) => presetName(id, locale));
			expect(new Set(names).size).toBe(DECISION_PRESET_IDS.length);
			for (const n of names) expect(n.length).toBeGreaterThan(5);
		}
	});

	it('[vote:explain] a choice reads as an option or the candidates picked; picking nobody is abstaining', () => {
		const form = {
			kind: 'choose' as const,
			choose: 2,
			candidates: [
				{ id: 'c1', label: '覃丽' },
				{ id: 'c2', label: '梁伟' }
			]
		};
		expect(choiceText('no', { kind: 'yes-no-abstain' }, 'zh')).toBe('反对');
		expect(choiceText(['c2', 'c1'], form, 'en')).toBe('梁伟, 覃丽');
		expect(choiceText([], form, 'en')).toBe('Abstain');
	});
});
