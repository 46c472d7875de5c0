import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openEmbedded } from '../../src/lib/server/db/database';

const dirs: string[] = [];
const freshDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'yishi-embedded-'));
	dirs.push(dir);
	return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// The embedded database itself; what runs on the Postgres server is tested elsewhere.
describe.runIf(!process.env.DATABASE_URL)('the embedded database on its own thread', () => {
	it('[db:embedded-thread] keeps what was written across closing and opening its data directory again', async () => {
		const dataDir = join(freshDir(), 'data');
		const first = await openEmbedded(dataDir);
		await first.sql`create table visit (who text not null)`;
		await first.sql`insert into visit ${first.sql([{ who: '王德福' }, { who: 'Chen' }])}`;
		await first.close();
		const again = await openEmbedded(dataDir);
		expect(
			(await again.sql<{ who: string }[]>`select who from visit order by who`).map((r) => r.who)
		).toEqual(['Chen', '王德福']);
		await again.close();
	});

	it('[db:embedded-thread] a long query leaves this thread free: its timers keep firing meanwhile', async () => {
		const db = await openEmbedded(join(freshDir(), 'data'));
		let ticks = 0;
		const timer = setInterval(() => ticks++, 10);
		// Some hundreds of milliseconds of work inside the database.
		const [row] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from generate_series(1, 3000000) g where g % 7 = 0`;
		clearInterval(timer);
		await db.close();
		expect(row!.n).toBe(428571);
		// On this thread the query would have held every timer until it finished.
		expect(ticks).toBeGreaterThan(5);
	});

	it('[db:embedded-thread] a data directory that cannot be opened is reported as the database being unavailable', async () => {
		const notADirectory = join(freshDir(), 'file');
		writeFileSync(notADirectory, 'not a database');
		await expect(openEmbedded(join(notADirectory, 'data'))).rejects.toBeInstanceOf(DatabaseUnavailableError);
	});
});
