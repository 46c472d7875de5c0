import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { PGlite } from '@electric-sql/pglite';

/** What repositories query through: the pool or an open transaction, used alike. */
export type Sql = postgres.Sql | postgres.TransactionSql;
export type Pool = postgres.Sql;

export interface Database {
	sql: Pool;
	kind: 'pglite' | 'server';
	close(): Promise<void>;
}

/** Columns come back camelCased; JSONB payloads are left exactly as stored. */
const columnTransform = { column: { from: postgres.toCamel, to: postgres.fromCamel } };

const options = {
	transform: columnTransform,
	onnotice: () => {},
	connect_timeout: 10
} satisfies postgres.Options<Record<string, never>>;

export async function connectServer(url: string, max = 10): Promise<Database> {
	const sql = postgres(url, { ...options, max });
	try {
		await sql`select 1`;
	} catch (cause) {
		await sql.end({ timeout: 1 }).catch(() => {});
		throw new DatabaseUnavailableError(`Cannot reach the database at ${redact(url)}`, { cause });
	}
	return { sql, kind: 'server', close: () => sql.end({ timeout: 5 }) };
}

/**
 * The embedded default: PGlite in this process, reached through its wire-protocol socket so that
 * repositories use one client (`postgres`) for both kinds. One connection only: PGlite is
 * single-session and a pool corrupts its portals.
 */
export async function openEmbedded(dataDir: string | PGlite): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
	let db: PGlite;
	if (typeof dataDir === 'string') {
		mkdirSync(dataDir, { recursive: true });
		try {
			db = await PGlite.create({ dataDir });
		} catch (cause) {
			throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir}`, {
				cause
			});
		}
	} else {
		db = dataDir;
	}
	const socketDir = mkdtempSync(join(tmpdir(), 'yishi-pg-'));
	const server = new PGLiteSocketServer({
		db,
		path: join(socketDir, '.s.PGSQL.5432'),
		maxConnections: 1
	});
	await server.start();
	const sql = postgres({
		...options,
		host: socketDir,
		port: 5432,
		username: 'postgres',
		database: 'postgres',
		max: 1
	});
	return {
		sql,
		kind: 'pglite',
		async close() {
			await sql.end({ timeout: 5 });
			await server.stop();
			await db.close();
			rmSync(socketDir, { recursive: true, force: true });
		}
	};
}

export class DatabaseUnavailableError extends Error {}

function redact(url: string): string {
	return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

/** Errors that mean the database cannot be reached right now (as opposed to a bug in a query). */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (error instanceof DatabaseUnavailableError) return true;
	const code = (error as { code?: unknown } | null)?.code;
	return (
		code === 'ECONNREFUSED' ||
		code === 'ECONNRESET' ||
		code === 'CONNECT_TIMEOUT' ||
		code === 'CONNECTION_CLOSED' ||
		code === 'CONNECTION_ENDED' ||
		code === 'CONNECTION_DESTROYED' ||
		code === '57P01' // admin shutdown
	);
}
