import type { Sql } from '../db/database';
import type { Role } from '../../domain/council/role';

export interface UserRow {
	id: string;
	name: string | null;
	email: string | null;
	isDemo: boolean;
}

export interface DemoMembership {
	nameZh: string;
	nameEn: string;
	role: Role;
}

export function userRepository(sql: Sql) {
	return {
		async findById(id: string): Promise<UserRow | null> {
			const [row] = await sql<UserRow[]>`select id, name, email, is_demo from users where id = ${id}`;
			return row ?? null;
		},
		async findByEmail(email: string): Promise<UserRow | null> {
			const [row] = await sql<UserRow[]>`
				select id, name, email, is_demo from users where lower(email) = lower(${email})`;
			return row ?? null;
		},
		async create(input: { name: string; email: string | null; isDemo?: boolean }): Promise<UserRow> {
			const [row] = await sql<UserRow[]>`
				insert into users (name, email, is_demo)
				values (${input.name}, ${input.email}, ${input.isDemo ?? false})
				returning id, name, email, is_demo`;
			return row!;
		},
		async rename(id: string, name: string): Promise<void> {
			await sql`update users set name = ${name} where id = ${id}`;
		},
		/** Demo people with their councils and roles, in the order they were seeded. */
		async listDemo(): Promise<(UserRow & { councils: DemoMembership[] })[]> {
			return sql`
				select u.id, u.name, u.email, u.is_demo,
					json_agg(json_build_object('nameZh', c.name_zh, 'nameEn', c.name_en, 'role', m.role)
						order by c.created_at) as councils
				from users u
				join council_member m on m.user_id = u.id and m.revoked_at is null
				join council c on c.id = m.council_id
				where u.is_demo
				group by u.id
				order by min(c.created_at), min(m.joined_at), u.created_at`;
		}
	};
}
