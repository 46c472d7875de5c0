import { randomUUID } from 'node:crypto';
import { minutesDocument } from '../../src/lib/domain/minutes/minutes-document';
import { renderMarkdown } from '../../src/lib/domain/minutes/render-markdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import { agendaItem } from '../helpers/meeting-client';
import { createMeeting, seedCouncil, servicesOver, type Seedable } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';
import { pdfText } from '../helpers/pdf-text';

let db: TestDatabase;
let t: Seedable;

beforeAll(async () => {
	db = await freshDatabase();
	t = servicesOver(db.sql);
});
afterAll(() => db?.close());

/** A council with a clerk and two members, and one meeting run to adjournment through the real service. */
async function adjournedMeeting() {
	const { council, moderator, members } = await seedCouncil(t, ['clerk', 'member', 'member']);
	const [clerk, a, b] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
	const meeting = await createMeeting(t, council.id);
	const next = await createMeeting(t, council.id, new Date(Date.now() + 30 * 86_400_000));
	const item = agendaItem('停车收费方案', { kind: 'decision' });
	const itemId = (item as Extract<MeetingCommand, { type: 'agenda:item-add' }>).itemId;
	const run = async (userId: string, command: MeetingCommand) => {
		const answer = await t.services.meetingRooms.command(userId, meeting.id, randomUUID(), command);
		if (!answer.ok) throw new Error(`${command.type}: ${answer.error.code}`);
	};
	await run(clerk.userId, item);
	for (const m of [moderator, a, b])
		await run(clerk.userId, { type: 'attendance:check-in', memberId: m.memberId, mode: 'in-person' });
	await run(moderator.userId, { type: 'meeting:open' });
	await run(moderator.userId, { type: 'agenda:item-start', itemId });
	await run(a.userId, { type: 'motion:propose', motionId: 'fee', itemId, text: '每月停车费120元。' });
	await run(moderator.userId, { type: 'vote:open', motionId: 'fee' });
	await run(moderator.userId, { type: 'ballot:cast', motionId: 'fee', choice: 'yes' });
	await run(a.userId, { type: 'ballot:cast', motionId: 'fee', choice: 'yes' });
	await run(b.userId, { type: 'ballot:cast', motionId: 'fee', choice: 'no' });
	await run(moderator.userId, { type: 'vote:close', motionId: 'fee' });
	await run(moderator.userId, { type: 'meeting:adjourn' });
	// Minutes are approved by a meeting that sits.
	await t.services.meetingRooms.command(moderator.userId, next.id, randomUUID(), { type: 'meeting:open' });
	return { council, moderator, clerk, a, meeting, next, itemId, run };
}

describe('minutes service', () => {
	it('[minutes:draft] the draft follows the log; the clerk edits notes, not counts', async () => {
		const m = await adjournedMeeting();
		const live = await t.services.minutes.view(m.a.userId, m.meeting.id);
		expect(live.ok && live.value.shown.version).toBe(null);
		expect(live.ok && live.value.mayEdit).toBe(false);
		const motion = live.ok ? live.value.shown.minutes.zh.items[0]!.motions[0]! : null;
		expect(motion?.vote?.counts).toEqual({ yes: 2, no: 1, abstain: 0 });

		expect(
			(await t.services.minutes.saveNotes({ userId: m.a.userId, meetingId: m.meeting.id, notes: {} })).ok
		).toBe(false);
		const saved = await t.services.minutes.saveNotes({
			userId: m.clerk.userId,
			meetingId: m.meeting.id,
			notes: { [m.itemId]: '物业说明了成本。' }
		});
		expect(saved.ok && saved.value).toMatchObject({ version: 1, status: 'draft' });
		const view = await t.services.minutes.view(m.clerk.userId, m.meeting.id);
		expect(view.ok && view.value.shown.minutes.en.items[0]!.notes).toBe('物业说明了成本。');
	});

	it('[minutes:approval] approved in the next meeting, immutable; a correction is a new version with its reason', async () => {
		const m = await adjournedMeeting();
		const approved = await t.services.minutes.approve({
			userId: m.clerk.userId,
			meetingId: m.meeting.id,
			approvingMeetingId: m.next.id
		});
		expect(approved.ok && approved.value).toMatchObject({
			version: 1,
			status: 'approved',
			approvedInMeetingId: m.next.id
		});
		await expect(
			db.sql`update minutes_version set notes = '{}' where meeting_id = ${m.meeting.id}`
		).rejects.toThrow(/immutable/);
		await expect(db.sql`delete from minutes_version where meeting_id = ${m.meeting.id}`).rejects.toThrow(
			/immutable/
		);

		const unexplained = await t.services.minutes.saveNotes({
			userId: m.clerk.userId,
			meetingId: m.meeting.id,
			notes: {}
		});
		expect(!unexplained.ok && unexplained.error.code).toBe('invalid-input');
		const corrected = await t.services.minutes.saveNotes({
			userId: m.clerk.userId,
			meetingId: m.meeting.id,
			notes: { [m.itemId]: '更正：物业说明了成本。' },
			reason: '记录人笔误'
		});
		expect(corrected.ok && corrected.value).toMatchObject({
			version: 2,
			status: 'draft',
			correctionReason: '记录人笔误'
		});
		const reapproved = await t.services.minutes.approve({
			userId: m.moderator.userId,
			meetingId: m.meeting.id,
			approvingMeetingId: m.next.id
		});
		expect(reapproved.ok && reapproved.value.version).toBe(2);
		const view = await t.services.minutes.view(m.a.userId, m.meeting.id, 1);
		expect(view.ok && view.value.versions.map((v) => [v.version, v.status])).toEqual([
			[1, 'approved'],
			[2, 'approved']
		]);
		expect(view.ok && view.value.shown.minutes.zh.items[0]!.notes).toBe('');
	});

	it('[minutes:approval] only a later meeting that has opened can approve: one still to come is not offered and is refused', async () => {
		const m = await adjournedMeeting();
		const later = await createMeeting(t, m.council.id, new Date(Date.now() + 60 * 86_400_000));
		const view = await t.services.minutes.view(m.clerk.userId, m.meeting.id);
		expect(view.ok && view.value.laterMeetings.map((x) => [x.id, x.held])).toEqual([
			[m.next.id, true],
			[later.id, false]
		]);
		const refused = await t.services.minutes.approve({
			userId: m.clerk.userId,
			meetingId: m.meeting.id,
			approvingMeetingId: later.id
		});
		expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
		const approved = await t.services.minutes.approve({
			userId: m.clerk.userId,
			meetingId: m.meeting.id,
			approvingMeetingId: m.next.id
		});
		expect(approved.ok).toBe(true);

		// The approving meeting's own minutes record it.
		const next = await t.services.minutes.view(m.clerk.userId, m.next.id);
		if (!next.ok) throw new Error(next.error.code);
		const { zh, en } = next.value.shown.minutes;
		expect(zh.minutesApproved).toEqual([
			{ meetingTitle: m.meeting.titleZh, scheduledAt: m.meeting.startsAt.toISOString() }
		]);
		expect(en.minutesApproved.map((a) => a.meetingTitle)).toEqual([m.meeting.titleEn]);
		const text = renderMarkdown(minutesDocument(zh, 'zh'));
		expect(text).toContain(`## 本次会议通过的纪要\n\n- ${m.meeting.titleZh} · `);
	});

	it('[minutes:approval] minutes of a meeting still running cannot be approved', async () => {
		const { council, moderator } = await seedCouncil(t, []);
		const meeting = await createMeeting(t, council.id);
		const next = await createMeeting(t, council.id, new Date(Date.now() + 30 * 86_400_000));
		for (const m of [meeting, next])
			await t.services.meetingRooms.command(moderator.userId, m.id, randomUUID(), { type: 'meeting:open' });
		const refused = await t.services.minutes.approve({
			userId: moderator.userId,
			meetingId: meeting.id,
			approvingMeetingId: next.id
		});
		expect(!refused.ok && refused.error.code).toBe('invalid-input');
	});

	it('[minutes:files] every format downloads; the PDF names the agenda item and the counts', async () => {
		const m = await adjournedMeeting();
		for (const format of ['md', 'html', 'json', 'docx'] as const) {
			const file = await t.services.minutes.file({
				userId: m.a.userId,
				meetingId: m.meeting.id,
				format,
				locale: 'en'
			});
			expect(file.ok && file.value.body.length).toBeGreaterThan(100);
		}
		const pdf = await t.services.minutes.file({
			userId: m.a.userId,
			meetingId: m.meeting.id,
			format: 'pdf',
			locale: 'zh'
		});
		expect(pdf.ok && pdf.value.name).toMatch(/^minutes-\d{4}-\d{2}-\d{2}-draft\.zh\.pdf$/);
		const text = (await pdfText(pdf.ok ? pdf.value.body : new Uint8Array())).join('').replace(/\s+/g, '');
		expect(text).toContain('停车收费方案');
		expect(text).toContain('赞成2反对1弃权0合计3');
	});

	it('[minutes:previous] the next meeting sees the previous minutes waiting for its approval', async () => {
		const m = await adjournedMeeting();
		const before = await t.services.minutes.previousOf(m.clerk.userId, m.next.id);
		expect(before).toMatchObject({
			meeting: { id: m.meeting.id },
			awaitingApproval: true,
			adjourned: true,
			mayApprove: true
		});
		expect((await t.services.minutes.previousOf(m.a.userId, m.next.id))?.mayApprove).toBe(false);
		await t.services.minutes.approve({
			userId: m.moderator.userId,
			meetingId: m.meeting.id,
			approvingMeetingId: m.next.id
		});
		expect((await t.services.minutes.previousOf(m.clerk.userId, m.next.id))?.awaitingApproval).toBe(false);
		expect(await t.services.minutes.previousOf(m.clerk.userId, m.meeting.id)).toBe(null);
	});
});
