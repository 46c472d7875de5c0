import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateQuorum, QuorumPreset, type QuorumRule } from './quorum';
import type { RosterEntry } from './roster';
import type { Role } from '../council/role';

const entry = (memberId: string, weightCents = 100, role: Role = 'member'): RosterEntry => ({
	memberId,
	userId: `u-${memberId}`,
	name: memberId,
	role,
	weightCents,
	constituency: null
});

describe('quorum', () => {
	const roster = [
		entry('a', 12000),
		entry('b', 8000),
		entry('c', 5000),
		entry('d', 5000),
		entry('clerk', 100, 'clerk')
	];

	it('[quorum:headcount] counts voting members only; a clerk present does not help', () => {
		const q = evaluateQuorum(QuorumPreset.majorityOfMembers, roster, new Set(['a', 'b', 'clerk']), new Set());
		expect(q.parts).toEqual([{ measure: 'headcount', present: 2, required: 3, total: 4, met: false }]);
		expect(q.met).toBe(false);
	});

	it('[quorum:proxy] a represented member counts only when the rule counts proxies', () => {
		const withProxies = evaluateQuorum(
			QuorumPreset.majorityOfMembers,
			roster,
			new Set(['a', 'b']),
			new Set(['c'])
		);
		expect(withProxies.met).toBe(true);
		const rule: QuorumRule = { ...QuorumPreset.majorityOfMembers, proxiesCount: false };
		expect(evaluateQuorum(rule, roster, new Set(['a', 'b']), new Set(['c'])).met).toBe(false);
	});

	it('[quorum:double-majority] both owners and area must reach two thirds', () => {
		// 3 of 4 owners (≥ 2/3) but only 17,000 of 30,000 area: not met.
		const q = evaluateQuorum(QuorumPreset.civilCode278, roster, new Set(['b', 'c', 'd']), new Set());
		expect(q.parts.map((p) => p.met)).toEqual([true, false]);
		expect(q.parts[1]).toMatchObject({ present: 18000, total: 30000, required: 20000 });
		expect(q.met).toBe(false);
		expect(evaluateQuorum(QuorumPreset.civilCode278, roster, new Set(['a', 'b', 'c']), new Set()).met).toBe(
			true
		);
	});

	it('[quorum:empty] a body with no voting members never has quorum', () => {
		expect(
			evaluateQuorum(QuorumPreset.majorityOfMembers, [entry('x', 100, 'observer')], new Set(['x']), new Set())
				.met
		).toBe(false);
	});

	it('[quorum:monotone] someone more arriving never loses quorum', () => {
		const rosters = fc.uniqueArray(
			fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), w: fc.integer({ min: 0, max: 50000 }) }),
			{
				selector: (r) => r.id,
				minLength: 1,
				maxLength: 25
			}
		);
		fc.assert(
			fc.property(rosters, fc.array(fc.boolean(), { maxLength: 25 }), fc.nat(24), (rs, here, extra) => {
				const list = rs.map((r) => entry(r.id, r.w));
				const present = new Set(list.filter((_, i) => here[i]).map((r) => r.memberId));
				const before = evaluateQuorum(QuorumPreset.civilCode278, list, present, new Set());
				const more = new Set(present).add(list[extra % list.length]!.memberId);
				const after = evaluateQuorum(QuorumPreset.civilCode278, list, more, new Set());
				if (before.met) expect(after.met).toBe(true);
			})
		);
	});
});
