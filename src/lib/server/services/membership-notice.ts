import type { Sql } from '../db/database';

/** The Postgres channel on which instances sharing one database hear of each other's membership changes. */
export const MEMBERSHIP_CHANNEL = 'yishi_membership';

export interface MembershipNotice {
	type: 'membership:revoked' | 'membership:changed';
	councilId: string;
	userId: string;
}

/** Sends `notice` as part of the transaction `tx`: Postgres delivers it when, and only if, it commits. */
export type NoticeMembership = (tx: Sql, notice: MembershipNotice) => Promise<void>;

/**
 * Notices signed with this instance's id, so that it can ignore its own. Sent inside the change's
 * transaction, a committed revocation can never go unannounced (as a notice sent after commit
 * could, were the connection lost in between).
 */
export function membershipNotices(instance: string): NoticeMembership {
	return async (tx, notice) => {
		await tx`select pg_notify(${MEMBERSHIP_CHANNEL}, ${JSON.stringify({ from: instance, ...notice })})`;
	};
}
