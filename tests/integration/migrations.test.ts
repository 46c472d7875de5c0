import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/lib/server/db/migrate';
import { councilRepository } from '../../src/lib/server/repositories/council.repository';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../../src/lib/server/repositories/meeting.repository';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

let open: TestDatabase[] = [];
async function database(o?: { migrated?: boolean }) {
	const db = await freshDatabase(o);
	open.push(db);
	return db;
}
afterEach(async () => {
	await Promise.all(open.map((db) => db.close()));
	open = [];
});

async function publicTables(db: TestDatabase): Promise<string[]> {
	const rows = await db.sql<{ tablename: string }[]>`
		select tablename from pg_tables where schemaname = current_schema() order by tablename`;
	return rows.map((r) => r.tablename);
}

describe('migrations', () => {
	const versions = loadMigrations().map((m) => m.version);
	/** Every table the migration files create, read from the files themselves, plus the ledger. */
	const tables = [
		'schema_migration',
		...loadMigrations().flatMap((m) =>
			[...m.sql.matchAll(/^create table (?:if not exists )?(\w+)/gim)].map((x) => x[1]!)
		)
	].sort();

	it('[migrate:ordered] the migration files are numbered and load in order', () => {
		expect(versions.length).toBeGreaterThan(0);
		expect(versions).toEqual([...versions].sort());
		for (const v of versions) expect(v).toMatch(/^\d{3}_[a-z0-9_]+$/);
	});

	it('[migrate:fresh] an empty database gets every migration, recorded by version', async () => {
		const db = await database({ migrated: false });
		expect(await publicTables(db)).toEqual([]);

		expect(await migrate(db.sql)).toEqual(versions);

		const recorded = await db.sql<
			{ version: string }[]
		>`select version from schema_migration order by version`;
		expect(recorded.map((r) => r.version)).toEqual(versions);
		expect(await publicTables(db)).toEqual(tables);
		expect(tables).toEqual(
			expect.arrayContaining(['users', 'sessions', 'council', 'council_member', 'invite', 'meeting_event'])
		);
	});

	it('[migrate:idempotent] running migrate again applies nothing and records nothing new', async () => {
		const db = await database({ migrated: false });
		await migrate(db.sql);
		const before = await db.sql`select version, applied_at from schema_migration order by version`;

		expect(await migrate(db.sql)).toEqual([]);
		expect(await db.sql`select version, applied_at from schema_migration order by version`).toEqual(before);
	});

	it('[migrate:lock] instances starting together migrate once between them', async () => {
		const db = await database({ migrated: false });
		const results = await Promise.all([migrate(db.sql), migrate(db.sql), migrate(db.sql)]);
		expect(results.flat().sort()).toEqual(versions);
		expect(results.filter((r) => r.length > 0)).toHaveLength(1);
	});

	it('[migrate:partial] a database part-way through gets only the missing migrations', async () => {
		const db = await database({ migrated: false });
		const all = loadMigrations();
		expect(await migrate(db.sql, all.slice(0, 1))).toEqual(versions.slice(0, 1));
		expect(await migrate(db.sql, all)).toEqual(versions.slice(1));
	});
});

describe('meeting record', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await freshDatabase();
	});
	afterAll(() => db?.close());

	async function meetingWithOneEvent(db: TestDatabase) {
		const council = await councilRepository(db.sql).insert({
			slug: `append-only-${randomBytes(4).toString('hex')}`,
			nameZh: '测试',
			nameEn: 'Test',
			descriptionZh: '',
			descriptionEn: '',
			kind: 'other',
			createdBy: null
		});
		const meeting = await meetingRepository(db.sql).insert({
			councilId: council.id,
			titleZh: '会议',
			titleEn: 'Meeting',
			startsAt: new Date('2026-12-15T01:30:00Z'),
			plannedMinutes: 90,
			location: null,
			onlineUrl: null,
			createdBy: null
		});
		const appended = await eventLogRepository(db.sql).append({
			meetingId: meeting.id,
			expectedSeq: 0,
			events: [{ type: 'meeting:open', payload: { by: 'test' }, actorId: null }],
			occurredAt: new Date('2026-12-15T01:30:00Z')
		});
		expect(appended.ok).toBe(true);
		return meeting.id;
	}

	it('[event-log:append-only] the database refuses to change a stored event', async () => {
		const meetingId = await meetingWithOneEvent(db);
		await expect(
			db.sql`update meeting_event set type = 'meeting:forged' where meeting_id = ${meetingId}`
		).rejects.toThrow(/append-only/);
		const [row] = await db.sql<
			{ type: string }[]
		>`select type from meeting_event where meeting_id = ${meetingId}`;
		expect(row!.type).toBe('meeting:open');
	});

	it('[event-log:append-only] the database refuses to delete a stored event', async () => {
		const meetingId = await meetingWithOneEvent(db);
		await expect(db.sql`delete from meeting_event where meeting_id = ${meetingId}`).rejects.toThrow(
			/append-only/
		);
		const [row] = await db.sql<
			{ n: number }[]
		>`select count(*)::int as n from meeting_event where meeting_id = ${meetingId}`;
		expect(row!.n).toBe(1);
	});

	it('[event-log:append-only] a meeting with a record cannot be deleted from under it', async () => {
		const meetingId = await meetingWithOneEvent(db);
		await expect(db.sql`delete from meeting where id = ${meetingId}`).rejects.toThrow();
	});
});
