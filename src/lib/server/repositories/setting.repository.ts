import type { Sql } from '../db/database';

export function settingRepository(sql: Sql) {
	return {
		/** Returns the stored value, storing `candidate` first if the key is new (first writer wins). */
		async getOrInit(key: string, candidate: string): Promise<string> {
			await sql`insert into app_setting (key, value) values (${key}, ${candidate})
				on conflict (key) do nothing`;
			const [row] = await sql<{ value: string }[]>`select value from app_setting where key = ${key}`;
			return row!.value;
		}
	};
}
