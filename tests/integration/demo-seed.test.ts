import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COUNCILS, DEMO_PEOPLE, seedDemo } from '../../src/lib/server/services/demo-seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer } from '../helpers/test-server';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';

const now = new Date('2026-11-23T04:00:00.000Z');
const COUNCILS = ['百事可乐议事会', '景湖社区老年协会', 'D社区家物会'];

let db: TestDatabase;
beforeAll(async () => {
	db = await freshDatabase();
});
afterAll(() => db?.close());

/** Back to a migrated, empty database: cheaper than a new one, and seedDemo only looks at councils. */
async function database() {
	await db.sql`truncate council, users cascade`;
	return db;
}

async function counts(db: TestDatabase) {
	const [row] = await db.sql<{ councils: number; people: number; members: number; meetings: number }[]>`
		select (select count(*)::int from council) as councils, (select count(*)::int from users) as people,
			(select count(*)::int from council_member) as members, (select count(*)::int from meeting) as meetings`;
	return row!;
}

describe('demo councils', () => {
	it('[demo:seed] an empty database gets the three councils of the field studies, each with one upcoming meeting', async () => {
		const db = await database();
		expect(await seedDemo(db.sql, now)).toBe(true);

		const rows = await db.sql<{ nameZh: string; meetings: number; upcoming: number; moderators: number }[]>`
			select c.name_zh,
				(select count(*)::int from meeting m where m.council_id = c.id) as meetings,
				(select count(*)::int from meeting m where m.council_id = c.id and m.starts_at > ${now}) as upcoming,
				(select count(*)::int from council_member x
					where x.council_id = c.id and x.role = 'moderator' and x.revoked_at is null) as moderators
			from council c order by c.created_at, c.name_zh`;
		expect(rows.map((r) => r.nameZh).sort()).toEqual([...COUNCILS].sort());
		for (const r of rows) expect(r).toMatchObject({ meetings: 1, upcoming: 1, moderators: 1 });
		expect(await counts(db)).toMatchObject({
			councils: DEMO_COUNCILS.length,
			people: DEMO_PEOPLE.length,
			members: DEMO_COUNCILS.reduce((n, c) => n + c.members.length, 0)
		});
	});

	it('[demo:seed] every demo person is marked as such, and one person may sit in two councils', async () => {
		const db = await database();
		await seedDemo(db.sql, now);
		const [notDemo] = await db.sql<{ n: number }[]>`select count(*)::int as n from users where not is_demo`;
		expect(notDemo!.n).toBe(0);
		const roles = await db.sql<{ nameZh: string; role: string }[]>`
			select c.name_zh, m.role from council_member m
			join council c on c.id = m.council_id join users u on u.id = m.user_id
			where u.email = 'chen.jing@h-community.example' order by c.name_zh`;
		expect(roles).toEqual([
			{ nameZh: 'D社区家物会', role: 'observer' },
			{ nameZh: '百事可乐议事会', role: 'moderator' }
		]);
	});

	it('[demo:seed] a database that has councils is left alone', async () => {
		const db = await database();
		await seedDemo(db.sql, now);
		const before = await counts(db);
		expect(await seedDemo(db.sql, new Date(now.getTime() + 86_400_000))).toBe(false);
		expect(await counts(db)).toEqual(before);
	});

	it('[demo:seed] two instances starting together seed once', async () => {
		const db = await database();
		const seeded = await Promise.all([seedDemo(db.sql, now), seedDemo(db.sql, now)]);
		expect(seeded.filter(Boolean)).toHaveLength(1);
		expect((await counts(db)).councils).toBe(DEMO_COUNCILS.length);
	});

	it.each([
		['after the 15th', '2026-11-23T04:00:00.000Z'],
		['early on the 15th (China time)', '2026-12-14T20:00:00.000Z'],
		['just after the meeting began', '2026-12-15T01:31:00.000Z']
	])(
		'[demo:jinghu-15th] seeded %s, the Jinghu meeting is the next 15th at 09:30 in Asia/Shanghai',
		async (_, at) => {
			const db = await database();
			const seededAt = new Date(at);
			await seedDemo(db.sql, seededAt);
			// Postgres's own time zone database checks the wall-clock time, not the app's arithmetic.
			const [row] = await db.sql<{ day: number; hour: number; minute: number; startsAt: Date }[]>`
			select extract(day from m.starts_at at time zone 'Asia/Shanghai')::int as day,
				extract(hour from m.starts_at at time zone 'Asia/Shanghai')::int as hour,
				extract(minute from m.starts_at at time zone 'Asia/Shanghai')::int as minute, m.starts_at
			from meeting m join council c on c.id = m.council_id where c.name_zh = '景湖社区老年协会'`;
			expect(row).toMatchObject({ day: 15, hour: 9, minute: 30 });
			const daysAhead = (row!.startsAt.getTime() - seededAt.getTime()) / 86_400_000;
			expect(daysAhead).toBeGreaterThan(0);
			expect(daysAhead).toBeLessThanOrEqual(31);
		}
	);

	it('[demo:startup] a server started in demo mode on an empty database offers the demo people', async () => {
		const server = await startTestServer({ demo: true, now: () => now });
		try {
			const people = await server.ctx.services.demoPeople();
			expect(people.map((p) => p.email).sort()).toEqual(DEMO_PEOPLE.map((p) => p.email).sort());
			// Signing in as anyone is for a private embedded install only, never on a shared server.
			expect(server.ctx.settings.demoSignIn).toBe(server.db.kind === 'pglite');
		} finally {
			await server.close();
		}
	});

	it('[demo:history] the Jinghu May and June 2019 meetings: the truck task is raised, comes back, and is resolved', async () => {
		const server = await startTestServer({ demo: true, now: () => now });
		try {
			const { services } = server.ctx;
			const { sql } = server.ctx.db;
			const meetings = await sql<{ id: string; startsAt: Date }[]>`
				select m.id, m.starts_at from meeting m join council c on c.id = m.council_id
				where c.slug = 'jinghu-elders' and m.starts_at < ${now} order by m.starts_at`;
			expect(meetings.map((m) => m.startsAt.toISOString().slice(0, 10))).toEqual([
				'2019-05-15',
				'2019-06-15',
				'2019-07-15'
			]);
			const [may, june, july] = [meetings[0]!, meetings[1]!, meetings[2]!];
			const [clerk] = await sql<
				{ id: string }[]
			>`select id from users where email = 'fang.xiaomin@jinghu.example'`;
			const [task] = await sql<{ id: string; status: string; ownerName: string; createdInMeeting: string }[]>`
				select t.id, t.status, u.name as owner_name, t.created_in_meeting
				from follow_up_task t join council_member m on m.id = t.owner_member_id join users u on u.id = m.user_id
				where t.title like '%集装箱卡车%'`;
			expect(task).toMatchObject({ status: 'done', ownerName: '陈阿根', createdInMeeting: may.id });

			// June's matters arising showed the task, and June's record has it reported done.
			const arising = await services.followUps.mattersArisingOf(june.id);
			expect(arising.map((t) => t.id)).toContain(task!.id);
			const juneLog = await eventLogRepository(sql).readSince(june.id, 0);
			expect(juneLog.filter((e) => e.type === 'task:update').map((e) => e.payload)).toEqual([
				expect.objectContaining({ taskId: task!.id, status: 'done' })
			]);

			// Both minutes approved, each in the following meeting; June's say the matter was resolved.
			for (const [meeting, approvedIn] of [
				[may, june],
				[june, july]
			] as const) {
				const view = await services.minutes.view(clerk!.id, meeting.id);
				if (!view.ok) throw new Error(view.error.code);
				expect(view.value.versions.find((v) => v.status === 'approved')?.approvedInMeetingId).toBe(
					approvedIn.id
				);
			}
			const juneMinutes = await services.minutes.file({
				userId: clerk!.id,
				meetingId: june.id,
				format: 'md',
				locale: 'zh'
			});
			if (!juneMinutes.ok) throw new Error(juneMinutes.error.code);
			const text = Buffer.from(juneMinutes.value.body).toString();
			expect(text).toContain('集装箱卡车');
			expect(text).toMatch(/已完成|已解决/);
			// A fresh meeting of the council does not bring the settled task back.
			expect((await services.followUps.mattersArisingOf(july.id)).map((t) => t.id)).not.toContain(task!.id);
			for (const m of meetings) {
				const check = await services.records.verify(clerk!.id, m.id);
				expect(check.ok && check.value.intact).toBe(true);
			}
		} finally {
			await server.close();
		}
	});
});
