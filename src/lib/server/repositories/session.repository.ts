import type { Sql } from '../db/database';

export interface SessionUserRow {
	userId: string;
	name: string | null;
	email: string | null;
	expires: Date;
}

/** The Auth.js `sessions` table, read directly by transports that live outside SvelteKit. */
export function sessionRepository(sql: Sql) {
	return {
		async create(input: { userId: string; sessionToken: string; expires: Date }): Promise<void> {
			await sql`insert into sessions ("userId", "sessionToken", expires)
				values (${input.userId}, ${input.sessionToken}, ${input.expires})`;
		},
		async delete(sessionToken: string): Promise<void> {
			await sql`delete from sessions where "sessionToken" = ${sessionToken}`;
		},
		async findValid(sessionToken: string, now: Date): Promise<SessionUserRow | null> {
			const [row] = await sql<SessionUserRow[]>`
				select s."userId", u.name, u.email, s.expires
				from sessions s join users u on u.id = s."userId"
				where s."sessionToken" = ${sessionToken} and s.expires > ${now}`;
			return row ?? null;
		}
	};
}
