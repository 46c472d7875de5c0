import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUp } from '../../src/lib/server/db/warm-up';
import { warmUpBallotBox } from '../../src/lib/server/repositories/ballot-box.repository';
import { warmUpLog } from '../../src/lib/server/repositories/event-log.repository';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;

beforeAll(async () => {
	db = await freshDatabase();
});
afterAll(() => db?.close());

describe('connections ready for a crowd', () => {
	it('[db:warm-up] after the warm-up every connection of the pool holds the append’s prepared statements, and is never retired', async () => {
		const { sql } = db;
		await warmUp(sql, [warmUpLog, warmUpBallotBox]);
		const connections = await Promise.all(Array.from({ length: sql.options.max }, () => sql.reserve()));
		try {
			const prepared = await Promise.all(
				connections.map(async (c) =>
					(await c<{ statement: string }[]>`select statement from pg_prepared_statements`).map(
						(p) => p.statement
					)
				)
			);
			for (const statements of prepared) {
				expect(statements.some((s) => s.includes('insert into meeting_event'))).toBe(true);
				expect(statements.some((s) => s.includes('secret_ballot'))).toBe(true);
			}
		} finally {
			for (const c of connections) c.release();
		}
		// Replacing a connection (postgres.js does after 30 to 60 minutes by default) would lose them.
		expect(sql.options.max_lifetime).toBeNull();
	});
});
