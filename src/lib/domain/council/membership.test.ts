import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMembershipChange, checkVoteWeight, MAX_VOTE_WEIGHT, type MemberRecord } from './membership';
import { ROLES, type Role } from './role';

const member = (id: string, role: Role, revoked = false): MemberRecord => ({ id, role, revoked });
const activeModerators = (ms: readonly MemberRecord[]) =>
	ms.filter((m) => m.role === 'moderator' && !m.revoked).length;
const apply = (ms: readonly MemberRecord[], change: MemberRecord) =>
	ms.map((m) => (m.id === change.id ? change : m));

describe('membership changes', () => {
	const council = [member('a', 'moderator'), member('b', 'member'), member('c', 'clerk')];

	it('[membership:last-moderator] the only moderator cannot be revoked', () => {
		const result = checkMembershipChange(council, member('a', 'moderator', true));
		expect(result).toMatchObject({ ok: false, error: { code: 'last-moderator' } });
	});

	it.each(['member', 'representative', 'clerk', 'observer'] as const)(
		'[membership:last-moderator] the only moderator cannot be demoted to %s',
		(role) => {
			const result = checkMembershipChange(council, member('a', role));
			expect(result).toMatchObject({ ok: false, error: { code: 'last-moderator' } });
		}
	);

	it('[membership:last-moderator] a revoked moderator does not count as one', () => {
		const withFormer = [...council, member('d', 'moderator', true)];
		expect(checkMembershipChange(withFormer, member('a', 'member')).ok).toBe(false);
	});

	it('[membership:last-moderator] with a second active moderator, either may step down', () => {
		const two = [...council, member('d', 'moderator')];
		expect(checkMembershipChange(two, member('a', 'member')).ok).toBe(true);
		expect(checkMembershipChange(two, member('d', 'moderator', true)).ok).toBe(true);
	});

	it('[membership:last-moderator] other members may be changed or revoked freely', () => {
		expect(checkMembershipChange(council, member('b', 'observer')).ok).toBe(true);
		expect(checkMembershipChange(council, member('c', 'clerk', true)).ok).toBe(true);
		expect(checkMembershipChange(council, member('b', 'moderator')).ok).toBe(true);
	});

	it('[membership:last-moderator] after any allowed change at least one active moderator remains', () => {
		const records = fc
			.uniqueArray(
				fc.record({
					id: fc.string({ minLength: 1, maxLength: 4 }),
					role: fc.constantFrom(...ROLES),
					revoked: fc.boolean()
				}),
				{
					selector: (m) => m.id,
					minLength: 1,
					maxLength: 8
				}
			)
			.filter((ms) => activeModerators(ms) >= 1);
		const scenario = records.chain((ms) =>
			fc.record({
				members: fc.constant(ms),
				change: fc.record({
					id: fc.constantFrom(...ms.map((m) => m.id)),
					role: fc.constantFrom(...ROLES),
					revoked: fc.boolean()
				})
			})
		);
		fc.assert(
			fc.property(scenario, ({ members, change }) => {
				const result = checkMembershipChange(members, change);
				const remaining = activeModerators(apply(members, change));
				// Allowed exactly when a moderator remains; refused changes say why.
				expect(result.ok).toBe(remaining >= 1);
				if (!result.ok) expect(result.error.code).toBe('last-moderator');
			})
		);
	});
});

describe('vote weight', () => {
	it('[membership:vote-weight] a share such as floor area is kept to two decimals', () => {
		expect(checkVoteWeight(89.5)).toEqual({ ok: true, value: 89.5 });
		expect(checkVoteWeight(120.304)).toEqual({ ok: true, value: 120.3 });
		expect(checkVoteWeight(0.016)).toEqual({ ok: true, value: 0.02 });
	});

	it('[membership:vote-weight] zero and the maximum are accepted', () => {
		expect(checkVoteWeight(0)).toEqual({ ok: true, value: 0 });
		expect(checkVoteWeight(MAX_VOTE_WEIGHT)).toEqual({ ok: true, value: MAX_VOTE_WEIGHT });
	});

	it.each([-0.01, -1, MAX_VOTE_WEIGHT + 1, Number.NaN, Number.POSITIVE_INFINITY])(
		'[membership:vote-weight] %s is refused as invalid-input',
		(weight) => {
			expect(checkVoteWeight(weight)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
		}
	);

	it('[membership:vote-weight] any weight in range is accepted, rounded to hundredths', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: MAX_VOTE_WEIGHT, noNaN: true }), (w) => {
				const result = checkVoteWeight(w);
				expect(result.ok).toBe(true);
				if (!result.ok) return;
				expect(Math.abs(result.value - w)).toBeLessThanOrEqual(0.005 + Number.EPSILON * MAX_VOTE_WEIGHT);
				expect(result.value).toBeGreaterThanOrEqual(0);
				expect(result.value).toBeLessThanOrEqual(MAX_VOTE_WEIGHT);
			})
		);
	});
});
