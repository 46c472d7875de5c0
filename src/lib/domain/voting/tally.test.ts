import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DECISION_PRESETS, type DecisionRule } from './decision-rule';
import { tallyVote, type VoteOption, type Voter } from './tally';

const voters = (n: number, weightCents = 100, constituency: string | null = null, present = true): Voter[] =>
	Array.from({ length: n }, (_, i) => ({
		memberId: `${constituency ?? 'v'}${i}`,
		weightCents,
		constituency,
		present
	}));

const ballots = (
	list: readonly Voter[],
	spec: Partial<Record<VoteOption, number>>
): Map<string, VoteOption> => {
	const out = new Map<string, VoteOption>();
	let i = 0;
	for (const option of ['yes', 'no', 'abstain'] as const) {
		for (let k = 0; k < (spec[option] ?? 0); k++) out.set(list[i++]!.memberId, option);
	}
	return out;
};

describe('tally: Robert’s Rules', () => {
	const rule = DECISION_PRESETS['robert-two-thirds'];
	it.each([
		[30, 20],
		[31, 21],
		[32, 22],
		[33, 22]
	])('[tally:two-thirds] of %i votes cast, %i yes are needed', (cast, needed) => {
		const people = voters(40);
		const pass = tallyVote(rule, people, ballots(people, { yes: needed, no: cast - needed }));
		const fail = tallyVote(rule, people, ballots(people, { yes: needed - 1, no: cast - needed + 1 }));
		expect(pass.parts[0]).toMatchObject({ value: needed, base: cast, required: needed, met: true });
		expect(pass.carried).toBe(true);
		expect(fail.carried).toBe(false);
	});

	it('[tally:abstentions] abstentions do not count in a majority of votes cast', () => {
		const people = voters(10);
		const t = tallyVote(
			DECISION_PRESETS['robert-majority'],
			people,
			ballots(people, { yes: 3, no: 2, abstain: 5 })
		);
		expect(t.carried).toBe(true);
		expect(t.parts[0]).toMatchObject({ base: 5, required: 3 });
	});

	it('[tally:tie] a tie fails a majority', () => {
		const people = voters(4);
		expect(
			tallyVote(DECISION_PRESETS['robert-majority'], people, ballots(people, { yes: 2, no: 2 })).carried
		).toBe(false);
	});
});

describe('tally: Civil Code art. 278', () => {
	it('[tally:civil-code-278] 380 owners / 36,000 m²: participation needs 254 owners and 24,000 m²', () => {
		const owners = voters(380, 9474); // ≈ 94.74 m² each
		const t = tallyVote(
			DECISION_PRESETS['civil-code-278-ordinary'],
			owners,
			ballots(owners, { yes: 200, no: 53 })
		);
		const participation = t.parts.filter((p) => p.test === 'participation');
		expect(participation[0]).toMatchObject({
			measure: 'headcount',
			value: 253,
			base: 380,
			required: 254,
			met: false
		});
		expect(t.carried).toBe(false);
	});

	it('[tally:civil-code-278] special matters need ≥ 3/4 of participating owners and area, abstainers included', () => {
		// 270 participating owners with 26,100 m² in all; 203 owners with 19,575 m² say yes.
		const yes: Voter[] = voters(203, 0, 'y').map((v, i) => ({
			...v,
			weightCents: i < 202 ? 9650 : 1957500 - 202 * 9650
		}));
		const others: Voter[] = voters(67, 0, 'o').map((v) => ({ ...v, weightCents: 9738 }));
		const absent: Voter[] = voters(40, 10000, 'a');
		const everyone = [...yes, ...others, ...absent];
		const cast = new Map<string, VoteOption>([
			...yes.map((v) => [v.memberId, 'yes'] as const),
			...others.map((v, i) => [v.memberId, i < 60 ? 'no' : 'abstain'] as const)
		]);
		const t = tallyVote(DECISION_PRESETS['civil-code-278-special'], everyone, cast);
		const approval = t.parts.filter((p) => p.test === 'approval');
		expect(approval.map((p) => [p.value, p.base, p.required])).toEqual([
			[203, 270, 203],
			[1957500, 1957500 + 67 * 9738, Math.ceil(((1957500 + 67 * 9738) * 3) / 4)]
		]);
		expect(approval[0]!.met).toBe(true);
	});
});

describe('tally: constituencies and bases', () => {
	it('[tally:constituency] a joint council can require a majority within each group', () => {
		const residents = voters(6, 100, 'residents');
		const property = voters(3, 100, 'property');
		const all = [...residents, ...property];
		const cast = new Map<string, VoteOption>([
			...residents.map((v) => [v.memberId, 'yes'] as const),
			...property.map((v) => [v.memberId, 'no'] as const)
		]);
		const rule: DecisionRule = { ...DECISION_PRESETS['robert-majority'], perConstituency: true };
		const t = tallyVote(rule, all, cast);
		expect(t.parts.find((p) => p.scope === 'overall')?.met).toBe(true);
		expect(t.parts.find((p) => typeof p.scope === 'object' && p.scope.constituency === 'property')?.met).toBe(
			false
		);
		expect(t.carried).toBe(false);
		expect(tallyVote(DECISION_PRESETS['robert-majority'], all, cast).carried).toBe(true);
	});

	it('[tally:present] a majority of those present counts silent members against', () => {
		const here = voters(9, 100, 'p', true);
		const away = voters(5, 100, 'x', false);
		const t = tallyVote(
			DECISION_PRESETS['residents-majority-present'],
			[...here, ...away],
			ballots(here, { yes: 4, no: 1 })
		);
		expect(t.parts[0]).toMatchObject({ value: 4, base: 9, required: 5, met: false });
	});

	it('[tally:empty] nobody voting carries nothing', () => {
		expect(tallyVote(DECISION_PRESETS['robert-majority'], voters(5), new Map()).carried).toBe(false);
	});
});

describe('tally properties', () => {
	const presets = fc.constantFrom(...(Object.values(DECISION_PRESETS) as DecisionRule[]));
	const electorate = fc
		.array(
			fc.record({
				weightCents: fc.integer({ min: 0, max: 20000 }),
				constituency: fc.constantFrom('r', 'p', 'm'),
				present: fc.boolean()
			}),
			{ minLength: 1, maxLength: 40 }
		)
		.map((vs) => vs.map((v, i) => ({ ...v, memberId: `m${i}` })));
	const withBallots = electorate.chain((vs) =>
		fc.tuple(
			fc.constant(vs),
			fc.array(fc.constantFrom<VoteOption | null>('yes', 'no', 'abstain', null), {
				minLength: vs.length,
				maxLength: vs.length
			})
		)
	);
	const toMap = (vs: Voter[], opts: (VoteOption | null)[]) =>
		new Map(vs.flatMap((v, i) => (opts[i] ? [[v.memberId, opts[i]!] as const] : [])));

	it('[tally:monotone] turning a no or abstention into a yes never turns carried into failed', () => {
		fc.assert(
			fc.property(
				presets,
				fc.boolean(),
				withBallots,
				fc.nat(),
				(preset, perConstituency, [vs, opts], pick) => {
					const rule = { ...preset, perConstituency };
					const before = toMap(vs, opts);
					const changeable = vs.filter((v) => before.get(v.memberId) && before.get(v.memberId) !== 'yes');
					if (changeable.length === 0) return;
					const after = new Map(before).set(changeable[pick % changeable.length]!.memberId, 'yes');
					if (tallyVote(rule, vs, before).carried) expect(tallyVote(rule, vs, after).carried).toBe(true);
				}
			)
		);
	});

	it('[tally:order] the order ballots arrive in never matters', () => {
		fc.assert(
			fc.property(presets, withBallots, (rule, [vs, opts]) => {
				const m = toMap(vs, opts);
				const reversed = new Map([...m].reverse());
				expect(tallyVote(rule, vs, reversed)).toEqual(tallyVote(rule, vs, m));
			})
		);
	});

	it('[tally:bounded] the headcount never exceeds the eligible voters, whatever is submitted', () => {
		fc.assert(
			fc.property(presets, withBallots, (rule, [vs, opts]) => {
				const m = toMap(vs, opts).set('stranger', 'yes');
				const t = tallyVote(rule, vs, m);
				expect(t.counts.yes + t.counts.no + t.counts.abstain).toBeLessThanOrEqual(vs.length);
			})
		);
	});
});
