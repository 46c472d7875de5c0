import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startYishi, type Yishi } from '../../server/app';
import { readConfig } from '../../server/config';
import { freshDatabase, type TestDatabase } from './test-database';

/**
 * Where a server keeps its data across restarts: a data directory for the embedded database, or
 * a database of its own on the Postgres server named by DATABASE_URL.
 */
export interface DurableStore {
	kind: 'pglite' | 'server';
	/** The part of the environment that points a server at this store. */
	env: Readonly<Record<string, string>>;
	/** Removes the data for good (drops the database or deletes the directory). */
	dispose(): Promise<void>;
}

export async function durableStore(): Promise<DurableStore> {
	const dataDir = mkdtempSync(join(tmpdir(), 'yishi-restart-'));
	const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
	if (!process.env.DATABASE_URL) {
		return { kind: 'pglite', env: { DATA_DIR: dataDir }, dispose: async () => removeDir() };
	}
	// freshDatabase gives an empty, migrated database of its own and knows how to drop it.
	let db: TestDatabase | null = await freshDatabase();
	return {
		kind: 'server',
		env: { DATA_DIR: dataDir, DATABASE_URL: db.url! },
		async dispose() {
			await db?.close();
			db = null;
			removeDir();
		}
	};
}

/**
 * Starts the real composition on the store exactly as `server/main.ts` would after a restart: it
 * opens the database itself (the embedded one from its directory), migrates, and its close()
 * closes that database again, so nothing but what was written survives into the next start.
 */
export function startOn(store: DurableStore, o: { now?: () => Date } = {}): Promise<Yishi> {
	const config = readConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		YISHI_LOG: 'silent',
		YISHI_DEMO: '0',
		...store.env
	});
	return startYishi({ config, now: o.now });
}
