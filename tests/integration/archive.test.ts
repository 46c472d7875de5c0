import { createHash, randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { ArchiveManifest } from '../../src/lib/server/archive/archive-bundle';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../../src/lib/server/repositories/meeting.repository';
import { agendaItem } from '../helpers/meeting-client';
import { seedCouncil, servicesOver, type Seedable } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let t: Seedable;

beforeAll(async () => {
	db = await freshDatabase();
	t = servicesOver(db.sql);
});
afterAll(() => db?.close());

const meetingOn = (councilId: string, day: string) =>
	meetingRepository(t.sql).insert({
		councilId,
		titleZh: `${day} 例会`,
		titleEn: `Meeting of ${day}`,
		startsAt: new Date(`${day}T09:30:00+08:00`),
		plannedMinutes: 90,
		location: null,
		onlineUrl: null,
		createdBy: null
	});

/** A council whose May meeting decided on container trucks and whose minutes June approved. */
async function councilWithHistory() {
	const { council, moderator, members } = await seedCouncil(t, ['clerk', 'member']);
	const [clerk, member] = members as [(typeof members)[0], (typeof members)[0]];
	const may = await meetingOn(council.id, '2019-05-15');
	const june = await meetingOn(council.id, '2019-06-15');
	const item = agendaItem('集装箱卡车在小区内停放', { kind: 'decision' });
	const itemId = (item as Extract<MeetingCommand, { type: 'agenda:item-add' }>).itemId;
	const run = async (userId: string, command: MeetingCommand) => {
		const answer = await t.services.meetingRooms.command(userId, may.id, randomUUID(), command);
		if (!answer.ok) throw new Error(`${command.type}: ${answer.error.code}`);
	};
	await run(clerk.userId, item);
	for (const m of [moderator, member])
		await run(clerk.userId, { type: 'attendance:check-in', memberId: m.memberId, mode: 'in-person' });
	await run(moderator.userId, { type: 'meeting:open' });
	await run(moderator.userId, { type: 'agenda:item-start', itemId });
	await run(member.userId, {
		type: 'motion:propose',
		motionId: 'truck',
		itemId,
		text: '卡车不得在小区内鸣笛 (no horns).'
	});
	await run(moderator.userId, { type: 'vote:open', motionId: 'truck' });
	await run(member.userId, { type: 'ballot:cast', motionId: 'truck', choice: 'yes' });
	await run(moderator.userId, { type: 'ballot:cast', motionId: 'truck', choice: 'yes' });
	await run(moderator.userId, { type: 'vote:close', motionId: 'truck' });
	await run(moderator.userId, { type: 'meeting:adjourn' });
	await t.services.minutes.saveNotes({
		userId: clerk.userId,
		meetingId: may.id,
		notes: { [itemId]: 'Residents complained about container trucks.' }
	});
	for (const type of ['meeting:open', 'meeting:adjourn'] as const)
		await t.services.meetingRooms.command(moderator.userId, june.id, randomUUID(), { type });
	const approved = await t.services.minutes.approve({
		userId: clerk.userId,
		meetingId: may.id,
		approvingMeetingId: june.id
	});
	if (!approved.ok) throw new Error(approved.error.code);
	return { council, moderator, clerk, member, may, june };
}

describe('archive', () => {
	it('[archive:search] finds approved minutes and decisions by Chinese and English keywords, within the range', async () => {
		const h = await councilWithHistory();
		const zh = await t.services.archive.search(h.clerk.userId, h.council.id, {
			q: '集装箱',
			from: '2019-01-01',
			to: '2019-12-31'
		});
		expect(zh.ok && zh.value.minutes.map((m) => m.meetingId)).toEqual([h.may.id]);
		const en = await t.services.archive.search(h.clerk.userId, h.council.id, {
			q: 'CONTAINER trucks',
			from: '2019-05-01',
			to: '2019-05-31'
		});
		expect(en.ok && en.value.minutes[0]?.hits.map((x) => x.locale)).toContain('en');
		const decision = await t.services.archive.search(h.clerk.userId, h.council.id, {
			q: '鸣笛',
			from: '2019-05-01',
			to: '2019-05-31'
		});
		expect(decision.ok && decision.value.decisions.map((d) => d.result)).toEqual(['carried']);
		const outside = await t.services.archive.search(h.clerk.userId, h.council.id, {
			q: '集装箱',
			from: '2019-06-01',
			to: '2019-12-31'
		});
		expect(outside.ok && outside.value.minutes).toEqual([]);
		const member = await t.services.archive.search(h.member.userId, h.council.id, {
			q: '集装箱',
			from: '2019-01-01',
			to: '2019-12-31'
		});
		expect(!member.ok && member.error.code).toBe('forbidden');
	});

	it('[archive:browse] with no keyword a date range lists its approved minutes, decisions and tasks', async () => {
		const h = await councilWithHistory();
		const all = await t.services.archive.search(h.clerk.userId, h.council.id, {
			q: '',
			from: '2019-01-01',
			to: '2019-12-31'
		});
		if (!all.ok) throw new Error(all.error.code);
		expect(all.value.minutes.map((x) => [x.meetingId, x.version, x.hits])).toEqual([[h.may.id, 1, []]]);
		expect(all.value.minutes[0]!.title).toEqual({ zh: '2019-05-15 例会', en: 'Meeting of 2019-05-15' });
		expect(all.value.decisions.map((d) => d.meetingId)).toEqual([h.may.id]);
		const later = await t.services.archive.search(h.clerk.userId, h.council.id, {
			q: '',
			from: '2019-06-01',
			to: '2019-12-31'
		});
		expect(later.ok && later.value.minutes).toEqual([]);
	});

	it('[archive:zip] every approved version in every format, the logs and a manifest whose checksums and chain heads hold', async () => {
		const h = await councilWithHistory();
		const exported = await t.services.archive.exportZip({
			userId: h.clerk.userId,
			councilId: h.council.id,
			from: '2019-05-01',
			to: '2019-06-30'
		});
		if (!exported.ok) throw new Error(exported.error.code);
		const files = unzipSync(exported.value.zip);
		const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as ArchiveManifest;
		expect(Object.keys(files).length).toBe(manifest.files.length + 1);
		for (const f of manifest.files) {
			expect(createHash('sha256').update(files[f.path]!).digest('hex'), f.path).toBe(f.sha256);
		}
		const minutes = manifest.files
			.filter((f) => f.path.includes('/minutes-v1/'))
			.map((f) => f.path.split('/').at(-1));
		expect(minutes.sort()).toEqual(
			['zh', 'en']
				.flatMap((l) => ['md', 'html', 'json', 'pdf', 'docx'].map((f) => `minutes.${l}.${f}`))
				.sort()
		);
		const head = await eventLogRepository(t.sql).head(h.may.id);
		expect(manifest.logs.find((l) => l.meetingId === h.may.id)).toMatchObject({
			seq: head.seq,
			hash: head.hash
		});
		expect(manifest.logs.map((l) => l.meetingId)).toEqual([h.may.id, h.june.id]);
	});

	it('[archive:progress] an export in the background reports its steps, then hands its zip only to whoever started it', async () => {
		const h = await councilWithHistory();
		const range = { councilId: h.council.id, from: '2019-05-01', to: '2019-06-30' };
		const backwards = await t.services.archive.startExport({
			...range,
			userId: h.clerk.userId,
			from: '2019-07-01'
		});
		expect(!backwards.ok && backwards.error.code).toBe('invalid-input');
		const refused = await t.services.archive.startExport({ ...range, userId: h.member.userId });
		expect(!refused.ok && refused.error.code).toBe('forbidden');

		const started = await t.services.archive.startExport({ ...range, userId: h.clerk.userId });
		if (!started.ok) throw new Error(started.error.code);
		const seen: { done: number; total: number }[] = [];
		for (;;) {
			const job = await t.services.archive.exportProgress(h.clerk.userId, h.council.id, started.value);
			if (!job.ok) throw new Error(job.error.code);
			seen.push({ done: job.value.done, total: job.value.total });
			if (job.value.state !== 'running') {
				expect(job.value.state).toBe('ready');
				const files = unzipSync(job.value.file!.zip);
				const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as ArchiveManifest;
				expect(manifest.logs.map((l) => l.meetingId)).toEqual([h.may.id, h.june.id]);
				expect(job.value.file!.name).toBe(`${h.council.slug}-2019-05-01-2019-06-30.zip`);
				break;
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		// Two meetings' logs, one approved minutes version, and the zip itself.
		expect(seen.at(-1)).toEqual({ done: 4, total: 4 });
		for (const [a, b] of seen.slice(1).map((s, i) => [seen[i]!, s] as const))
			expect(b.done).toBeGreaterThanOrEqual(a.done);

		const moderator = await t.services.archive.exportProgress(
			h.moderator.userId,
			h.council.id,
			started.value
		);
		expect(!moderator.ok && moderator.error.code).toBe('not-found');
		const member = await t.services.archive.exportProgress(h.member.userId, h.council.id, started.value);
		expect(!member.ok && member.error.code).toBe('forbidden');
	});

	it('[archive:public] approved minutes reach the public page only after the council opts in', async () => {
		const h = await councilWithHistory();
		expect(await t.services.archive.publicPage(h.council.slug)).toBe(null);
		const refused = await t.services.archive.setPublic(h.clerk.userId, h.council.id, true);
		expect(!refused.ok && refused.error.code).toBe('forbidden');
		expect((await t.services.archive.setPublic(h.moderator.userId, h.council.id, true)).ok).toBe(true);
		const page = await t.services.archive.publicPage(h.council.slug);
		expect(page?.meetings.map((x) => [x.meetingId, x.version])).toEqual([[h.may.id, 1]]);
		expect(page?.meetings[0]!.minutes.zh.decisions.map((d) => d.result)).toEqual(['carried']);
	});
});

describe('council page', () => {
	it('[council:past-meetings] a member sees past meetings newest first with their minutes status; an adjourned meeting is no longer upcoming', async () => {
		const h = await councilWithHistory();
		const later = await meetingOn(h.council.id, '2099-03-15');
		const adjournedEarly = await meetingOn(h.council.id, '2099-02-15');
		const running = await meetingOn(h.council.id, '2099-01-15');
		for (const id of [adjournedEarly.id, running.id]) {
			const opened = await t.services.meetingRooms.command(h.moderator.userId, id, randomUUID(), {
				type: 'meeting:open'
			});
			expect(opened.ok).toBe(true);
		}
		const adjourned = await t.services.meetingRooms.command(
			h.moderator.userId,
			adjournedEarly.id,
			randomUUID(),
			{ type: 'meeting:adjourn' }
		);
		expect(adjourned.ok).toBe(true);

		const view = await t.services.councils.view(h.member.userId, h.council.id);
		if (!view.ok) throw new Error(view.error.code);
		expect(view.value.upcoming.map((x) => [x.id, x.opened])).toEqual([
			[running.id, true],
			[later.id, false]
		]);
		expect(view.value.past.map((x) => [x.id, x.minutesStatus])).toEqual([
			[adjournedEarly.id, 'draft'],
			[h.june.id, 'draft'],
			[h.may.id, 'approved']
		]);
		// The status shown is the one the minutes page opens with, for the same member.
		const minutes = await t.services.minutes.view(h.member.userId, h.may.id);
		expect(minutes.ok && minutes.value.shown.status).toBe('approved');
	});
});
