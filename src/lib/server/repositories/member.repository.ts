import { randomInt } from 'node:crypto';
import type { Sql } from '../db/database';
import type { Role } from '../../domain/council/role';

export interface MemberRow {
	id: string;
	councilId: string;
	userId: string;
	name: string;
	email: string | null;
	role: Role;
	voteWeight: number;
	constituency: string | null;
	organisation: string | null;
	joinedAt: Date;
	revokedAt: Date | null;
	checkInCode: string;
}

export interface MemberFields {
	role: Role;
	voteWeight: number;
	constituency: string | null;
	organisation: string | null;
}

const select = `
	select m.id, m.council_id, m.user_id, coalesce(u.name, '') as name, u.email, m.role,
		m.vote_weight::float8 as vote_weight, m.constituency, m.organisation, m.joined_at, m.revoked_at,
		m.check_in_code
	from council_member m join users u on u.id = m.user_id`;

export function memberRepository(sql: Sql) {
	return {
		async listByCouncil(councilId: string): Promise<MemberRow[]> {
			return sql<MemberRow[]>`${sql.unsafe(select)}
				where m.council_id = ${councilId}
				order by m.revoked_at nulls first, m.joined_at, u.name`;
		},
		async findById(memberId: string): Promise<MemberRow | null> {
			const [row] = await sql<MemberRow[]>`${sql.unsafe(select)} where m.id = ${memberId}`;
			return row ?? null;
		},
		/** The person's membership in a council, revoked or not. */
		async find(councilId: string, userId: string): Promise<MemberRow | null> {
			const [row] = await sql<MemberRow[]>`${sql.unsafe(select)}
				where m.council_id = ${councilId} and m.user_id = ${userId}`;
			return row ?? null;
		},
		/** Each member gets an 8-digit check-in code not yet used in the council (easy to type at the door). */
		async insert(input: MemberFields & { councilId: string; userId: string }): Promise<string> {
			let checkInCode: string;
			do checkInCode = String(randomInt(100_000_000)).padStart(8, '0');
			while (
				(
					await sql`select 1 from council_member where council_id = ${input.councilId} and check_in_code = ${checkInCode}`
				).length
			);
			const [row] = await sql<{ id: string }[]>`
				insert into council_member ${sql({ ...input, checkInCode }, 'councilId', 'userId', 'role', 'voteWeight', 'constituency', 'organisation', 'checkInCode')}
				returning id`;
			return row!.id;
		},
		async update(memberId: string, fields: MemberFields): Promise<void> {
			await sql`update council_member set ${sql(fields, 'role', 'voteWeight', 'constituency', 'organisation')}
				where id = ${memberId}`;
		},
		async setRevoked(memberId: string, revokedBy: string | null): Promise<void> {
			if (revokedBy === null) {
				await sql`update council_member set revoked_at = null, revoked_by = null where id = ${memberId}`;
			} else {
				await sql`update council_member set revoked_at = now(), revoked_by = ${revokedBy}
					where id = ${memberId}`;
			}
		}
	};
}
