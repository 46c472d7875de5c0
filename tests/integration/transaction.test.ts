import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../src/lib/server/db/transaction';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;

beforeAll(async () => {
	db = await freshDatabase();
	await db.sql`create table transaction_probe (run int not null, n int not null)`;
});
afterAll(() => db?.close());

/** More queries in flight than one connection pipelines (postgres' max_pipeline is 100). */
const CROWD = 400;
const RUNS = 20;

describe('transactions under load', () => {
	it('[db:transaction-load] transactions begun while the connections are full of pipelined queries each run alone and commit', async () => {
		const { sql } = db;
		const crowd = Array.from({ length: CROWD }, (_, i) => sql<{ n: number }[]>`select ${i}::int as n`);
		const runs = Array.from({ length: RUNS }, (_, run) =>
			transaction(sql, async (tx) => {
				await tx`insert into transaction_probe ${tx([1, 2, 3].map((n) => ({ run, n })))}`;
				// Only this transaction's rows: were the connection shared, others' uncommitted rows could show.
				const [seen] = await tx<{ count: number }[]>`
					select count(*)::int as count from transaction_probe where run = ${run}`;
				return seen!.count;
			})
		);
		const answers = await Promise.all(crowd);
		expect(answers.map((rows) => rows[0]!.n)).toEqual(Array.from({ length: CROWD }, (_, i) => i));
		expect(await Promise.all(runs)).toEqual(Array.from({ length: RUNS }, () => 3));
		const [stored] = await sql<{ count: number }[]>`select count(*)::int as count from transaction_probe`;
		expect(stored!.count).toBe(RUNS * 3);
	});

	it('[db:transaction-rollback] a failing transaction leaves nothing behind and its connection usable', async () => {
		const { sql } = db;
		await expect(
			transaction(sql, async (tx) => {
				await tx`insert into transaction_probe (run, n) values (-1, 1)`;
				throw new Error('the meeting record moved on');
			})
		).rejects.toThrow('the meeting record moved on');
		const [left] = await sql<{ count: number }[]>`
			select count(*)::int as count from transaction_probe where run = -1`;
		expect(left!.count).toBe(0);
		expect(await transaction(sql, async (tx) => (await tx<{ one: number }[]>`select 1 as one`)[0]!.one)).toBe(
			1
		);
	});
});
