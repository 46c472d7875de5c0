import type { Sql } from '../db/database';

export interface InviteRow {
	id: string;
	memberId: string;
	expiresAt: Date;
	usedAt: Date | null;
}

export function inviteRepository(sql: Sql) {
	return {
		async insert(input: { tokenHash: string; memberId: string; createdBy: string; expiresAt: Date }) {
			await sql`insert into invite ${sql(input, 'tokenHash', 'memberId', 'createdBy', 'expiresAt')}`;
		},
		async findByTokenHash(tokenHash: string): Promise<InviteRow | null> {
			const [row] = await sql<InviteRow[]>`
				select id, member_id, expires_at, used_at from invite where token_hash = ${tokenHash}`;
			return row ?? null;
		},
		/** Marks the invite used; false when another request used it first. */
		async markUsed(id: string, at: Date): Promise<boolean> {
			const rows =
				await sql`update invite set used_at = ${at} where id = ${id} and used_at is null returning id`;
			return rows.length === 1;
		}
	};
}
