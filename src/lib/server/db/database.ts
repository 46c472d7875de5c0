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
	connect_timeout: 10,
	// The driver would replace each connection after 30 to 60 minutes, and a replacement has none of
	// the statements the start prepared (warm-up.ts): a meeting's votes come an hour in, and the
	// first crowd would pay for opening and preparing again, as the first vote after a start did.
	max_lifetime: null
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

/** The client side of the embedded database's socket. One connection only: PGlite is single-session and a pool corrupts its portals. */
const embeddedClient = (socketDir: string) =>
	postgres({
		...options,
		host: socketDir,
		port: 5432,
		username: 'postgres',
		database: 'postgres',
		max: 1
	});

/**
 * The embedded default: PGlite reached through its wire-protocol socket so that repositories use
 * one client (`postgres`) for both kinds. Opened from a data directory, PGlite runs on a worker
 * thread of its own: its WebAssembly and synchronous file work would otherwise hold the thread
 * that answers every socket (docs/decisions/016). A PGlite instance given by the caller (tests'
 * cloned templates) is served from this thread.
 */
export async function openEmbedded(dataDir: string | PGlite): Promise<Database> {
	const socketDir = mkdtempSync(join(tmpdir(), 'yishi-pg-'));
	const socketPath = join(socketDir, '.s.PGSQL.5432');
	try {
		const stop =
			typeof dataDir === 'string'
				? await serveOnWorker(dataDir, socketPath)
				: await serveHere(dataDir, socketPath);
		const sql = embeddedClient(socketDir);
		return {
			sql,
			kind: 'pglite',
			async close() {
				await sql.end({ timeout: 5 });
				await stop();
				rmSync(socketDir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		rmSync(socketDir, { recursive: true, force: true });
		throw error;
	}
}

async function serveHere(db: PGlite, socketPath: string): Promise<() => Promise<void>> {
	const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
	const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
	await server.start();
	return async () => {
		await server.stop();
		await db.close();
	};
}

/** Starts PGlite on a worker thread serving `socketPath`; resolves with how to stop it. */
async function serveOnWorker(dataDir: string, socketPath: string): Promise<() => Promise<void>> {
	try {
		mkdirSync(dataDir, { recursive: true });
	} catch (cause) {
		throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir}`, { cause });
	}
	const { Worker } = await import('node:worker_threads');
	const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), {
		workerData: { dataDir, socketPath }
	});
	const answer = (types: string[]) =>
		new Promise<{ type: string; message?: string }>((resolve, reject) => {
			const onMessage = (m: { type: string; message?: string }) => {
				if (!types.includes(m.type)) return;
				cleanup();
				resolve(m);
			};
			const onExit = (code: number) => {
				cleanup();
				reject(new Error(`the embedded database's thread exited (${code})`));
			};
			const cleanup = () => {
				worker.off('message', onMessage);
				worker.off('exit', onExit);
			};
			worker.on('message', onMessage);
			worker.on('exit', onExit);
		});
	worker.on('error', (error) => console.error('embedded database thread:', error));
	const started = await answer(['ready', 'failed']).catch((cause: unknown) => ({
		type: 'failed',
		message: String(cause)
	}));
	if (started.type !== 'ready') {
		await worker.terminate();
		throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir}: ${started.message}`);
	}
	let exited = false;
	worker.once('exit', () => (exited = true));
	return async () => {
		// A thread that died (and said so on the console) has nothing left to close.
		if (!exited) {
			const closed = answer(['closed']).catch(() => undefined);
			worker.postMessage({ type: 'close' });
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
			clearTimeout(timer);
		}
		await worker.terminate();
	};
}

/** How long closing waits for the embedded database's thread to close it cleanly before ending it. */
const CLOSE_TIMEOUT_MS = 10_000;

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
