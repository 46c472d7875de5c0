import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from './database';
import { transaction } from './transaction';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary constant shared by every instance so that concurrent starts migrate one at a time. */
const MIGRATION_LOCK = 727_1001;

export interface Migration {
	version: string;
	sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(dir + f, 'utf8') }));
}

/** Applies the migrations not yet recorded, in order, in one transaction. Returns those applied. */
export async function migrate(sql: Pool, migrations = loadMigrations()): Promise<string[]> {
	return transaction(sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
		await tx`create table if not exists schema_migration (
			version text primary key,
			applied_at timestamptz not null default now()
		)`;
		const done = new Set(
			(await tx<{ version: string }[]>`select version from schema_migration`).map((r) => r.version)
		);
		const applied: string[] = [];
		for (const m of migrations) {
			if (done.has(m.version)) continue;
			await tx.unsafe(m.sql);
			await tx`insert into schema_migration (version) values (${m.version})`;
			applied.push(m.version);
		}
		return applied;
	});
}
