import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { connectServer, openEmbedded, type Database } from '../../src/lib/server/db/database';
import { loadMigrations, migrate } from '../../src/lib/server/db/migrate';

/** A migrated, empty database of its own; `url` is set when it lives on a Postgres server. */
export interface TestDatabase extends Database {
	url: string | null;
}

/**
 * A fresh database for one test: on the Postgres server named by DATABASE_URL when set, else an
 * in-memory PGlite. It is migrated (unless `migrated: false`) and holds no rows; close() removes
 * it entirely.
 */
export function freshDatabase(o: { migrated?: boolean } = {}): Promise<TestDatabase> {
	const migrated = o.migrated ?? true;
	const serverUrl = process.env.DATABASE_URL;
	return serverUrl ? freshServerDatabase(serverUrl, migrated) : freshEmbeddedDatabase(migrated);
}

/**
 * Creating PGlite costs ~3 s and migrating it more, so the migrated data directory is made once and
 * each fresh database is loaded from it (`PGlite.clone()` is exactly `dumpDataDir` +
 * `create({ loadDataDir })`; dumping once lets the template close instead of holding another
 * ~700 MB). The images are also kept on disk, keyed by the PGlite version and the migrations, so
 * the next test file, and the next run, start in well under a second.
 */
let images: Promise<DataDirImages> | null = null;

interface DataDirImages {
	empty: Blob;
	migrated: Blob;
}

function dataDirImages(): Promise<DataDirImages> {
	images ??= cachedImages();
	return images;
}

async function cachedImages(): Promise<DataDirImages> {
	const dir = join(tmpdir(), 'yishi-test-pglite', imageKey());
	const files = { empty: join(dir, 'empty.tar'), migrated: join(dir, 'migrated.tar') };
	if (existsSync(files.empty) && existsSync(files.migrated)) {
		return {
			empty: new Blob([readFileSync(files.empty)]),
			migrated: new Blob([readFileSync(files.migrated)])
		};
	}
	const built = await buildImages();
	mkdirSync(dir, { recursive: true });
	for (const kind of ['empty', 'migrated'] as const) {
		// Written aside and renamed: the other test worker may be reading or writing the same image.
		const partial = `${files[kind]}.${process.pid}.partial`;
		writeFileSync(partial, new Uint8Array(await built[kind].arrayBuffer()));
		renameSync(partial, files[kind]);
	}
	return built;
}

async function buildImages(): Promise<DataDirImages> {
	const template = await PGlite.create();
	const db = await openEmbedded(template);
	try {
		const empty = await template.dumpDataDir('none');
		await migrate(db.sql);
		await template.exec('checkpoint');
		return { empty, migrated: await template.dumpDataDir('none') };
	} finally {
		await db.close();
	}
}

/** Changes whenever a migration or the PGlite build does. */
function imageKey(): string {
	const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	const pkg = readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8');
	const hash = createHash('sha256').update(pkg);
	for (const m of loadMigrations()) hash.update(`\0${m.version}\0${m.sql}`);
	return hash.digest('hex').slice(0, 16);
}

async function freshEmbeddedDatabase(migrated: boolean): Promise<TestDatabase> {
	const image = await dataDirImages();
	const pglite = await PGlite.create({ loadDataDir: migrated ? image.migrated : image.empty });
	const db = await openEmbedded(pglite);
	return { ...db, url: null };
}

async function freshServerDatabase(serverUrl: string, migrated: boolean): Promise<TestDatabase> {
	const name = `yishi_t_${randomBytes(6).toString('hex')}`;
	await onServer(serverUrl, `create database ${name}`);
	// force: a socket.io adapter connection of a server under test may still be winding down.
	const drop = () => onServer(serverUrl, `drop database if exists ${name} with (force)`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	let db: Database | null = null;
	try {
		db = await connectServer(url.href);
		if (migrated) await migrate(db.sql);
	} catch (error) {
		await db?.close();
		await drop();
		throw error;
	}
	const opened = db;
	return {
		...opened,
		url: url.href,
		async close() {
			await opened.close();
			await drop();
		}
	};
}

/** One statement on the server's maintenance database (create and drop cannot run inside the target). */
async function onServer(serverUrl: string, statement: string): Promise<void> {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(statement);
	} finally {
		await admin.end({ timeout: 5 });
	}
}
