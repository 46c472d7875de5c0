import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldMeeting } from '../../src/lib/domain/meeting/evolve';
import { initialMeetingState } from '../../src/lib/domain/meeting/meeting-state';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../../src/lib/server/repositories/meeting.repository';
import { toFact } from '../../src/lib/server/services/meeting-room.service';
import type { ScheduleInput } from '../../src/lib/protocol/schedule.schema';
import { seedCouncil, servicesOver, testClock } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

const clock = testClock();
let db: TestDatabase;
let t: ReturnType<typeof servicesOver>;

beforeAll(async () => {
	db = await freshDatabase();
	t = servicesOver(db.sql, clock.now);
});
afterAll(() => db?.close());

const monthly: ScheduleInput = {
	titleZh: '老年协会月度例会',
	titleEn: 'Monthly meeting',
	date: '2026-12-15',
	time: '09:30',
	plannedMinutes: 120,
	location: '老年活动室',
	onlineUrl: null,
	frequency: 'monthly',
	count: 3,
	template: 'standard'
};

const agendaOf = async (meetingId: string) =>
	foldMeeting((await eventLogRepository(db.sql).readSince(meetingId, 0)).map(toFact), initialMeetingState)
		.agenda;

describe('scheduling', () => {
	it('[schedule:monthly] a monthly series on the 15th creates each meeting with the standard agenda', async () => {
		const { council, moderator } = await seedCouncil(t);
		const scheduled = await t.services.schedule.schedule(moderator.userId, council.id, monthly, 'zh');
		expect(scheduled.ok).toBe(true);
		const ids = scheduled.ok ? scheduled.value : [];
		const meetings = await Promise.all(ids.map((id) => meetingRepository(db.sql).findById(id)));
		expect(meetings.map((m) => m!.startsAt.toISOString())).toEqual([
			'2026-12-15T01:30:00.000Z',
			'2027-01-15T01:30:00.000Z',
			'2027-02-15T01:30:00.000Z'
		]);
		for (const id of ids) {
			expect((await agendaOf(id)).map((i) => i.title)).toEqual([
				'开会，确认到会人数',
				'通过上次会议纪要',
				'跟进事项',
				'新议题',
				'其他事项'
			]);
		}
	});

	it('[schedule:template] an agenda saved from one meeting starts the next ones', async () => {
		const { council, moderator } = await seedCouncil(t);
		const first = await t.services.schedule.schedule(
			moderator.userId,
			council.id,
			{ ...monthly, count: 1, frequency: 'once', template: 'empty' },
			'en'
		);
		const meetingId = first.ok ? first.value[0]! : '';
		await t.services.meetingRooms.command(moderator.userId, meetingId, 'c1', {
			type: 'agenda:item-add',
			itemId: 'trucks',
			fields: {
				title: 'Container trucks in the compound',
				description: '',
				presenter: null,
				plannedMinutes: 20,
				kind: 'discussion',
				documentId: null
			}
		});
		expect((await t.services.schedule.saveTemplate(moderator.userId, meetingId, 'Jinghu monthly')).ok).toBe(
			true
		);
		const templates = await t.services.schedule.templates(moderator.userId, council.id);
		const template = templates.ok ? templates.value.find((x) => x.name === 'Jinghu monthly') : undefined;
		const next = await t.services.schedule.schedule(
			moderator.userId,
			council.id,
			{ ...monthly, count: 1, frequency: 'once', template: template!.id },
			'en'
		);
		expect((await agendaOf(next.ok ? next.value[0]! : '')).map((i) => i.title)).toEqual([
			'Container trucks in the compound'
		]);
	});

	it('[schedule:authorise] members cannot schedule, and an unknown template is refused', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const refused = await t.services.schedule.schedule(members[0]!.userId, council.id, monthly, 'zh');
		expect(refused.ok ? 'ok' : refused.error.code).toBe('forbidden');
		const unknown = await t.services.schedule.schedule(
			moderator.userId,
			council.id,
			{ ...monthly, template: 'nope' },
			'zh'
		);
		expect(unknown.ok ? 'ok' : unknown.error.code).toBe('invalid-input');
	});
});

describe('calendar feed', () => {
	it('[calendar:ics] the feed lists the council’s meetings as iCalendar events, only with the right key', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['observer']);
		await t.services.schedule.schedule(moderator.userId, council.id, monthly, 'zh');
		const url = await t.services.schedule.calendarUrl(members[0]!.userId, council.id);
		const key = new URL(url.ok ? url.value : 'http://x').searchParams.get('key')!;
		expect(key).toMatch(/^[0-9a-f]{64}$/);

		const ics = await t.services.schedule.calendarFeed(council.id, key);
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics!.match(/BEGIN:VEVENT/g)).toHaveLength(3);
		expect(ics).toContain('SUMMARY:老年协会月度例会 · Monthly meeting');
		expect(ics).toContain('DTSTART:20261215T013000Z');
		expect(ics).toContain('LOCATION:老年活动室');

		expect(await t.services.schedule.calendarFeed(council.id, 'f'.repeat(64))).toBeNull();
		expect(await t.services.schedule.calendarFeed(council.id, '')).toBeNull();
	});
});
