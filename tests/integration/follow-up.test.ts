import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { RecordedFact } from '../../src/lib/domain/meeting/meeting-events';
import { projectFollowUpTasks } from '../../src/lib/server/projections/follow-up-task.projection';
import type { MailMessage } from '../../src/lib/server/mail/mailer';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../../src/lib/server/repositories/meeting.repository';
import { sendDueReminders, startReminderSchedule } from '../../src/lib/server/services/follow-up-reminders';
import { agendaItem, MeetingClient } from '../helpers/meeting-client';
import { addMember, fromContext, seedCouncil, servicesOver, type Seedable } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let t: Seedable;
let clients: MeetingClient[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
	server = await startTestServer();
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const c of clients) c.close();
	clients = [];
});
afterAll(() => server?.close());

/** A meeting of the council `daysAhead` days from now, as the schedule would create it. */
const meetingIn = (councilId: string, daysAhead: number) =>
	meetingRepository(t.sql).insert({
		councilId,
		titleZh: `第${daysAhead}天的会议`,
		titleEn: `Meeting in ${daysAhead} days`,
		startsAt: new Date(Date.now() + daysAhead * DAY),
		plannedMinutes: 90,
		location: null,
		onlineUrl: null,
		createdBy: null
	});

/** The moderator's socket in a meeting that has been opened with one agenda item. */
async function openMeeting(userId: string, meetingId: string) {
	const client = await MeetingClient.as({ url: server.url, ctx: server.ctx, userId, meetingId });
	clients.push(client);
	await client.joined();
	const item = agendaItem('跟进事项 Matters arising');
	await client.run(item);
	await client.run({ type: 'meeting:open' });
	return { client, itemId: (item as Extract<MeetingCommand, { type: 'agenda:item-add' }>).itemId };
}

const createTask = (o: { itemId: string; ownerMemberId: string; dueOn?: string }): MeetingCommand => ({
	type: 'task:create',
	taskId: randomUUID(),
	title: '集装箱卡车停放问题 Container trucks parking beside residents’ cars',
	ownerMemberId: o.ownerMemberId,
	ownerOrganisation: null,
	dueOn: o.dueOn ?? '2099-01-14',
	itemId: o.itemId,
	motionId: null
});

const arisingIds = async (userId: string, meetingId: string) => {
	const answer = await server.ctx.services.followUps.mattersArising(userId, meetingId);
	if (!answer.ok) throw new Error(answer.error.code);
	return answer.value.map((task) => task.id);
};

describe('follow-up tasks come back until they are closed', () => {
	it('[follow-up:loop] created in meeting 1, arising in meeting 2, done there, gone from meeting 3', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const owner = members[0]!;
		const [m1, m2, m3] = [
			await meetingIn(council.id, 1),
			await meetingIn(council.id, 31),
			await meetingIn(council.id, 61)
		];

		const first = await openMeeting(moderator.userId, m1.id);
		const create = createTask({ itemId: first.itemId, ownerMemberId: owner.memberId });
		const taskId = (create as { taskId: string }).taskId;
		await first.client.run(create);
		// A retried command (same id) changes nothing, and neither does the projection.
		const retryId = randomUUID();
		await first.client.run({ type: 'task:update', taskId, status: 'in-progress', note: '已约物业' }, retryId);
		await first.client.run({ type: 'task:update', taskId, status: 'in-progress', note: '已约物业' }, retryId);

		// Only a task of this council can be updated.
		const unknown = await first.client.command({
			type: 'task:update',
			taskId: randomUUID(),
			status: 'done',
			note: ''
		});
		expect(!unknown.ok && unknown.error.code).toBe('not-found');
		const malformed = await first.client.command({
			type: 'task:update',
			taskId: 'task-1',
			status: 'done',
			note: ''
		});
		expect(!malformed.ok && malformed.error.code).toBe('not-found');
		const listed = await server.ctx.services.followUps.listForCouncil(moderator.userId, council.id);
		expect(
			listed.ok && listed.value.map((x) => [x.id, x.status, x.createdInMeeting, x.history.length])
		).toEqual([[taskId, 'in-progress', m1.id, 1]]);
		expect(await arisingIds(moderator.userId, m1.id)).toEqual([]);
		expect(await arisingIds(moderator.userId, m2.id)).toEqual([taskId]);

		const second = await openMeeting(moderator.userId, m2.id);
		const done = await second.client.run({
			type: 'task:update',
			taskId,
			status: 'done',
			note: '已解决 resolved'
		});
		expect(done.map((f) => f.type)).toEqual(['task:update']);
		const log = await eventLogRepository(t.sql).readSince(m2.id, 0);
		expect(log.filter((e) => e.type === 'task:update').map((e) => e.payload)).toEqual([
			{ taskId, status: 'done', note: '已解决 resolved' }
		]);

		// Still on meeting 2's list (its minutes report the closing), with the history; gone from meeting 3.
		const atM2 = await server.ctx.services.followUps.mattersArising(moderator.userId, m2.id);
		expect(atM2.ok && atM2.value.map((x) => [x.id, x.status])).toEqual([[taskId, 'done']]);
		expect(atM2.ok && atM2.value[0]!.history.map((h) => [h.status, h.note, h.meetingId])).toEqual([
			['in-progress', '已约物业', m1.id],
			['done', '已解决 resolved', m2.id]
		]);
		expect(await arisingIds(moderator.userId, m3.id)).toEqual([]);

		// The minutes of meeting 2 start from the status it had as meeting 2 began.
		expect(await server.ctx.services.followUps.mattersArisingForMinutes(m2.id)).toEqual([
			{
				taskId,
				title: (create as { title: string }).title,
				owner: expect.any(String),
				dueOn: '2099-01-14',
				status: 'in-progress'
			}
		]);
	});

	it('[follow-up:between-meetings] the owner reports between meetings; others who do not own it cannot', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member', 'member', 'clerk']);
		const [owner, other, clerk] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
		const followUps = server.ctx.services.followUps;
		const created = await followUps.create(clerk.userId, council.id, {
			title: '联系物业 Call the property manager',
			ownerMemberId: owner.memberId,
			ownerOrganisation: null,
			dueOn: null
		});
		if (!created.ok) throw new Error(created.error.code);
		const { taskId } = created.value;

		const mine = await followUps.mine(owner.userId);
		expect(mine.map((x) => [x.id, x.councilNameEn])).toEqual([[taskId, council.nameEn]]);
		expect(await followUps.mine(other.userId)).toEqual([]);

		expect(await followUps.update(owner.userId, { taskId, status: 'in-progress', note: '已打电话' })).toEqual(
			{
				ok: true,
				value: null
			}
		);
		const refused = await followUps.update(other.userId, { taskId, status: 'done', note: '' });
		expect(!refused.ok && refused.error.code).toBe('forbidden');
		const stranger = await followUps.update(moderator.userId, {
			taskId: 'no-such-task',
			status: 'done',
			note: ''
		});
		expect(!stranger.ok && stranger.error.code).toBe('not-found');

		const after = await followUps.mine(owner.userId);
		expect(after.map((x) => [x.status, x.history.map((h) => [h.status, h.note, h.meetingId])])).toEqual([
			['in-progress', [['in-progress', '已打电话', null]]]
		]);
	});

	it('[follow-up:organisation] a task owned by an organisation is the task of its representatives', async () => {
		const { council, moderator: founder } = await seedCouncil(t);
		const { moderator: outsider } = await seedCouncil(t);
		const rep = await addMember(t, founder.userId, council.id, {
			role: 'representative',
			organisation: '绿城物业 Greentown Property'
		});
		const resident = await addMember(t, founder.userId, council.id, { role: 'member' });
		const followUps = server.ctx.services.followUps;
		const created = await followUps.create(founder.userId, council.id, {
			title: '修复3号楼门禁 Fix the door of building 3',
			ownerMemberId: null,
			ownerOrganisation: '绿城物业 Greentown Property',
			dueOn: '2099-03-14'
		});
		if (!created.ok) throw new Error(created.error.code);
		const { taskId } = created.value;

		expect((await followUps.mine(rep.userId)).map((x) => x.id)).toEqual([taskId]);
		expect(await followUps.mine(resident.userId)).toEqual([]);
		expect(await followUps.mine(outsider.userId)).toEqual([]);
		expect((await followUps.update(rep.userId, { taskId, status: 'done', note: '已修复' })).ok).toBe(true);
		const refused = await followUps.update(resident.userId, { taskId, status: 'open', note: '' });
		expect(!refused.ok && refused.error.code).toBe('forbidden');
		const stranger = await followUps.update(outsider.userId, { taskId, status: 'open', note: '' });
		expect(!stranger.ok && stranger.error.code).toBe('not-found');
	});

	it('[follow-up:default-due] a task without a date is due the day before the next meeting, else in 30 days; the form is told which', async () => {
		const { council, moderator } = await seedCouncil(t);
		const { followUps } = server.ctx.services;
		const noMeeting = await followUps.dueDateFor(council.id, null);
		const in30 = new Date(Date.now() + 8 * 3_600_000 + 30 * DAY).toISOString().slice(0, 10);
		expect(noMeeting).toBe(in30);
		expect(await followUps.taskFormChoices(moderator.userId, council.id, null)).toMatchObject({
			ok: true,
			value: { defaultDueOn: in30, nextMeetingOn: null }
		});
		const next = await meetingIn(council.id, 10);
		const wall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
		const dayBefore = wall(next.startsAt.getTime() - DAY);
		expect(await followUps.dueDateFor(council.id, null)).toBe(dayBefore);
		expect(await followUps.taskFormChoices(moderator.userId, council.id, null)).toMatchObject({
			ok: true,
			value: { defaultDueOn: dayBefore, nextMeetingOn: wall(next.startsAt.getTime()) }
		});
	});
});

describe('the projection of task facts', () => {
	it('[follow-up:projection] projecting the same facts again adds no task and no progress entry', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const meeting = await meetingIn(council.id, 3);
		const at = new Date().toISOString();
		const facts: RecordedFact[] = [
			{
				type: 'task:create',
				seq: 7,
				actorId: moderator.userId,
				occurredAt: at,
				payload: {
					taskId: 'replayed-task',
					title: '重放 Replayed',
					ownerMemberId: members[0]!.memberId,
					ownerOrganisation: null,
					dueOn: '2099-02-14',
					itemId: null,
					motionId: null
				}
			},
			{
				type: 'task:update',
				seq: 8,
				actorId: moderator.userId,
				occurredAt: at,
				payload: { taskId: 'replayed-task', status: 'in-progress', note: '一次 once' }
			},
			{
				type: 'task:update',
				seq: 9,
				actorId: moderator.userId,
				occurredAt: at,
				payload: { taskId: 'no-such-task', status: 'done', note: '' }
			}
		];
		const where = { meetingId: meeting.id, councilId: council.id };
		await t.sql.begin((tx) => projectFollowUpTasks(tx, where, facts));
		await t.sql.begin((tx) => projectFollowUpTasks(tx, where, facts));
		const tasks = await t.sql`select id, status from follow_up_task where council_id = ${council.id}`;
		expect(tasks.map((r) => [r.id, r.status])).toEqual([['replayed-task', 'in-progress']]);
		const progress =
			await t.sql`select task_id, note, meeting_seq from follow_up_progress where task_id = 'replayed-task'`;
		expect(progress.map((r) => [r.taskId, r.note, r.meetingSeq])).toEqual([
			['replayed-task', '一次 once', 8]
		]);
	});
});

describe('who may record tasks', () => {
	it('[follow-up:authorisation] observers and members cannot create tasks, in a meeting or outside it', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['observer', 'member']);
		const [observer, member] = members as [(typeof members)[0], (typeof members)[0]];
		const meeting = await meetingIn(council.id, 2);
		const { itemId } = await openMeeting(moderator.userId, meeting.id);

		for (const person of [observer, member]) {
			const client = await MeetingClient.as({
				url: server.url,
				ctx: server.ctx,
				userId: person.userId,
				meetingId: meeting.id
			});
			clients.push(client);
			await client.joined();
			const answer = await client.command(createTask({ itemId, ownerMemberId: person.memberId }));
			expect(!answer.ok && answer.error.code).toBe('forbidden');
			const outside = await server.ctx.services.followUps.create(person.userId, council.id, {
				title: 'x',
				ownerMemberId: person.memberId,
				ownerOrganisation: null,
				dueOn: null
			});
			expect(!outside.ok && outside.error.code).toBe('forbidden');
		}
		const listed = await server.ctx.services.followUps.listForCouncil(observer.userId, council.id);
		expect(listed).toEqual({ ok: true, value: [] });
	});
});

describe('reminders', () => {
	// A database of their own: the server's hourly schedule must not claim these reminders first.
	let db: TestDatabase;
	let r: Seedable;
	beforeAll(async () => {
		db = await freshDatabase();
		r = servicesOver(db.sql);
	});
	afterAll(() => db?.close());

	it('[follow-up:reminder] the owner is mailed once before the due date, however often the scheduler runs', async () => {
		const { council, members } = await seedCouncil(r, ['member', 'clerk']);
		const [owner, clerk] = members as [(typeof members)[0], (typeof members)[0]];
		const soon = new Date(Date.now() + 8 * 3_600_000 + DAY).toISOString().slice(0, 10);
		const later = new Date(Date.now() + 8 * 3_600_000 + 20 * DAY).toISOString().slice(0, 10);
		for (const dueOn of [soon, later]) {
			const created = await r.services.followUps.create(clerk.userId, council.id, {
				title: `到期 ${dueOn}`,
				ownerMemberId: owner.memberId,
				ownerOrganisation: null,
				dueOn
			});
			expect(created.ok).toBe(true);
		}
		const sent: MailMessage[] = [];
		const deps = {
			sql: r.sql,
			now: () => new Date(),
			origin: 'http://yishi.test',
			mailer: { send: async (m: MailMessage) => void sent.push(m) },
			log: () => {}
		};
		await sendDueReminders(deps);
		await sendDueReminders(deps);
		const toOwner = sent.filter((m) => m.subject.includes(`到期 ${soon}`));
		expect(toOwner).toHaveLength(1);
		expect(sent.some((m) => m.subject.includes(later))).toBe(false);
		const [ownerRow] = await r.sql<{ email: string }[]>`select email from users where id = ${owner.userId}`;
		expect(toOwner[0]!.to).toBe(ownerRow!.email);
		expect(toOwner[0]!.text).toContain('http://yishi.test/tasks');

		// The process's schedule sends nothing more for the same tasks and due dates.
		const schedule = startReminderSchedule(deps, 20);
		await new Promise((resolve) => setTimeout(resolve, 200));
		await schedule.stop();
		expect(sent.filter((m) => m.subject.includes(`到期 ${soon}`))).toHaveLength(1);
	});

	it('[follow-up:reminder] the schedule runs by itself and stops cleanly', async () => {
		const { council, members } = await seedCouncil(r, ['member']);
		const owner = members[0]!;
		const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
		const moderator = (
			await r.sql<{ userId: string }[]>`
			select user_id from council_member where council_id = ${council.id} and role = 'moderator'`
		)[0]!;
		await r.services.followUps.create(moderator.userId, council.id, {
			title: '今天到期 Due today',
			ownerMemberId: owner.memberId,
			ownerOrganisation: null,
			dueOn: today
		});
		const sent: MailMessage[] = [];
		const schedule = startReminderSchedule(
			{
				sql: r.sql,
				now: () => new Date(),
				origin: 'http://yishi.test',
				mailer: { send: async (m: MailMessage) => void sent.push(m) },
				log: () => {}
			},
			20
		);
		await expect.poll(() => sent.some((m) => m.subject.includes('今天到期')), { timeout: 5_000 }).toBe(true);
		await schedule.stop();
		expect(sent.filter((m) => m.subject.includes('今天到期'))).toHaveLength(1);
	});
});
