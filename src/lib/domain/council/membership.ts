import { fail, ok, type Result } from '../result';
import { Role } from './role';

export interface MemberRecord {
	id: string;
	role: Role;
	revoked: boolean;
}

export type MembershipChangeError = 'last-moderator' | 'invalid-input';

/**
 * A council must always keep one active moderator, or nobody could manage it again.
 * `change` describes the member after the edit (a revocation sets revoked).
 */
export function checkMembershipChange(
	members: readonly MemberRecord[],
	change: MemberRecord
): Result<true, MembershipChangeError> {
	const after = members.map((m) => (m.id === change.id ? change : m));
	const moderators = after.filter((m) => m.role === Role.moderator && !m.revoked);
	if (moderators.length === 0) {
		return fail('last-moderator', 'A council needs at least one active moderator.');
	}
	return ok(true);
}

export const MAX_VOTE_WEIGHT = 1_000_000_000;

/** Vote weight is a share such as floor area in m²: non-negative, at most two decimals. */
export function checkVoteWeight(weight: number): Result<number, 'invalid-input'> {
	if (!Number.isFinite(weight) || weight < 0 || weight > MAX_VOTE_WEIGHT) {
		return fail('invalid-input', 'Vote weight must be a number from 0 upwards.');
	}
	return ok(Math.round(weight * 100) / 100);
}
