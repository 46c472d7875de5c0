import type { Sql } from '../db/database';

/**
 * @auth/pg-adapter speaks to a `pg`-style client (`query(text, values)` → `{ rows }`). This maps it
 * onto the one `postgres` client, which refuses `undefined` where pg would send NULL.
 */
export function pgClientShim(sql: Sql) {
	return {
		async query(text: string, values: unknown[] = []) {
			const rows = await sql.unsafe(text, values.map((v) => (v === undefined ? null : v)) as never[]);
			return { rows: [...rows], rowCount: rows.length };
		}
	};
}
