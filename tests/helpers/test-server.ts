import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startYishi } from '../../server/app';
import { readConfig } from '../../server/config';
import type { AppContext } from '../../src/lib/server/context';
import { sessionCookieName } from '../../src/lib/server/auth/session-cookie';
import { freshDatabase, type TestDatabase } from './test-database';

export interface TestServer {
	/** http://127.0.0.1:<port> */
	url: string;
	ctx: AppContext;
	db: TestDatabase;
	close(): Promise<void>;
}

/**
 * The real composition (socket.io, Yjs, services) on port 0 over a fresh database, without the
 * SvelteKit handler. On a Postgres server the socket.io cluster adapter is attached as in production.
 */
export async function startTestServer(
	o: { database?: TestDatabase; demo?: boolean; now?: () => Date } = {}
): Promise<TestServer> {
	const db = o.database ?? (await freshDatabase());
	const dataDir = mkdtempSync(join(tmpdir(), 'yishi-test-'));
	const config = readConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		YISHI_LOG: 'silent',
		YISHI_DEMO: o.demo ? '1' : '0',
		DATA_DIR: dataDir,
		...(db.url ? { DATABASE_URL: db.url } : {})
	});
	try {
		const app = await startYishi({ config, database: db, now: o.now });
		return {
			url: app.url,
			ctx: app.ctx,
			db,
			async close() {
				await app.close();
				if (!o.database) await db.close();
				rmSync(dataDir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		if (!o.database) await db.close();
		rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}
}

/** Signs a user in without the sign-in pages: a database session, as Auth.js would store it. */
export async function signIn(ctx: AppContext, userId: string): Promise<string> {
	const { sessionToken } = await ctx.services.sessions.start(userId);
	return sessionCookieHeader(ctx, sessionToken);
}

/** The Cookie header a browser would send for this session token. */
export function sessionCookieHeader(ctx: AppContext, sessionToken: string): string {
	return `${sessionCookieName(ctx.settings.secureCookies)}=${encodeURIComponent(sessionToken)}`;
}
