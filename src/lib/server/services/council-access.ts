import { can, type CouncilAction } from '../../domain/council/permission';
import type { Role } from '../../domain/council/role';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import type { Sql } from '../db/database';
import { memberRepository, type MemberRow } from '../repositories/member.repository';

export interface CouncilAccess {
	role: Role | null;
	member: MemberRow | null;
}

/** The actor's standing in a council, read fresh on every call so that revocation is immediate. */
export async function councilAccess(sql: Sql, userId: string, councilId: string): Promise<CouncilAccess> {
	const member = await memberRepository(sql).find(councilId, userId);
	if (!member || member.revokedAt) return { role: null, member: null };
	return { role: member.role, member };
}

/** Not a member reads as not-found, so that council ids cannot be probed. */
export async function authorise(
	sql: Sql,
	userId: string,
	councilId: string,
	action: CouncilAction
): Promise<Result<CouncilAccess, ErrorCode>> {
	const access = await councilAccess(sql, userId, councilId);
	if (access.role === null) return fail('not-found', 'No such council, or you are not a member.');
	if (!can({ role: access.role }, action)) {
		return fail('forbidden', 'Your role in this council does not allow this.');
	}
	return ok(access);
}
