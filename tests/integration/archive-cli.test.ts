import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Database } from '../../src/lib/server/db/database';
import { migrate } from '../../src/lib/server/db/migrate';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../../src/lib/server/repositories/meeting.repository';
import { userRepository } from '../../src/lib/server/repositories/user.repository';
import { jinghuMay } from '../fixtures/minutes/scripted-meetings';
import { servicesOver } from '../helpers/seed';
import { freshDatabase } from '../helpers/test-database';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'yishi-archive-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The database the command line will open: the test's server database with DATABASE_URL, else an
 * embedded one in a data folder (closed before the command runs, as only one process may hold it).
 */
async function database(): Promise<{ db: Database; env: NodeJS.ProcessEnv; embedded: boolean }> {
	if (process.env.DATABASE_URL) {
		const db = await freshDatabase();
		return { db, env: { ...process.env, DATABASE_URL: db.url! }, embedded: false };
	}
	const dataDir = join(work, 'data');
	const db = await openEmbedded(dataDir);
	await migrate(db.sql);
	const { DATABASE_URL: _, ...rest } = process.env;
	return { db, env: { ...rest, DATA_DIR: dataDir }, embedded: true };
}

describe('npm run archive', () => {
	it('[archive:cli] writes the zip of a council and date range, with its manifest', async () => {
		const { db, env, embedded } = await database();
		const t = servicesOver(db.sql);
		const clerk = await userRepository(db.sql).create({ name: '方小敏', email: null });
		const council = await t.services.councils.create(clerk.id, {
			nameZh: '景湖社区老年协会',
			nameEn: 'Jinghu Elder Association',
			descriptionZh: '',
			descriptionEn: '',
			kind: 'elder-association'
		});
		const meetingOn = (day: string) =>
			meetingRepository(db.sql).insert({
				councilId: council.id,
				titleZh: '月度例会',
				titleEn: 'Monthly meeting',
				startsAt: new Date(`${day}T09:30:00+08:00`),
				plannedMinutes: 90,
				location: null,
				onlineUrl: null,
				createdBy: clerk.id
			});
		const [may, june] = [await meetingOn('2019-05-15'), await meetingOn('2019-06-15')];
		const script = jinghuMay();
		await eventLogRepository(db.sql).append({
			meetingId: may.id,
			expectedSeq: 0,
			events: script.facts.map((f) => ({ type: f.type, payload: f.payload, actorId: null })),
			occurredAt: may.startsAt
		});
		// June sat (it is where May's minutes are approved).
		const opening = script.facts.find((f) => f.type === 'meeting:open')!;
		await eventLogRepository(db.sql).append({
			meetingId: june.id,
			expectedSeq: 0,
			events: [{ type: opening.type, payload: opening.payload, actorId: null }],
			occurredAt: june.startsAt
		});
		const approved = await t.services.minutes.approve({
			userId: clerk.id,
			meetingId: may.id,
			approvingMeetingId: june.id
		});
		expect(approved.ok).toBe(true);
		// A test database on a server is dropped when closed, so it stays open until the end.
		if (embedded) await db.close();

		const out = join(work, 'out');
		const args = [
			'server/archive-cli.ts',
			'--council',
			council.slug,
			'--from',
			'2019-05-01',
			'--to',
			'2019-05-31',
			'--out',
			out
		];
		const { stdout } = await run(join('node_modules', '.bin', 'tsx'), args, {
			env: { ...env, YISHI_LOG: 'silent' },
			timeout: 120_000
		});
		const zipPath = join(out, `${council.slug}-2019-05-01-2019-05-31.zip`);
		expect(stdout).toContain(zipPath);
		expect(existsSync(zipPath)).toBe(true);
		const files = unzipSync(readFileSync(zipPath));
		const manifest = JSON.parse(strFromU8(files['manifest.json']!));
		expect(manifest.logs.map((l: { meetingId: string }) => l.meetingId)).toEqual([may.id]);
		expect(manifest.files.filter((f: { path: string }) => f.path.endsWith('.pdf'))).toHaveLength(2);

		const usage = await run(
			join('node_modules', '.bin', 'tsx'),
			['server/archive-cli.ts', '--council', council.slug],
			{
				env
			}
		).catch((e: { code: number; stderr: string }) => e);
		expect(usage).toMatchObject({ code: 2 });
		if (!embedded) await db.close();
	}, 180_000);
});
