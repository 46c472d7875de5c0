import { describe, expect, it } from 'vitest';
import { CHINA_STANDARD_TIME, wallClockToInstant } from '../calendar/wall-clock';
import { defaultDueOn } from './due-date';

/** A Jinghu meeting: the 15th at 09:30 China time. */
const meetingOn = (year: number, month: number) =>
	wallClockToInstant({ year, month, day: 15, hour: 9, minute: 30 }, CHINA_STANDARD_TIME);

const due = (now: string, next: Date | null) =>
	defaultDueOn({ now: new Date(now), nextMeetingStartsAt: next, utcOffsetMinutes: CHINA_STANDARD_TIME });

describe('default due date', () => {
	it('[follow-up:default-due] the day before the next meeting', () => {
		expect(due('2019-05-15T02:00:00Z', meetingOn(2019, 6))).toBe('2019-06-14');
	});

	it('[follow-up:default-due] across February: a task from the January meeting is due on 14 February', () => {
		expect(due('2027-01-15T02:00:00Z', meetingOn(2027, 2))).toBe('2027-02-14');
		expect(due('2027-02-15T02:00:00Z', meetingOn(2027, 3))).toBe('2027-03-14');
	});

	it('[follow-up:default-due] across the year end', () => {
		expect(due('2026-12-15T02:00:00Z', meetingOn(2027, 1))).toBe('2027-01-14');
	});

	it('[follow-up:default-due] uses the China date of the meeting, not the UTC one', () => {
		// 00:30 on 1 March in China is still 28 February in UTC.
		const early = wallClockToInstant(
			{ year: 2027, month: 3, day: 1, hour: 0, minute: 30 },
			CHINA_STANDARD_TIME
		);
		expect(due('2027-02-10T02:00:00Z', early)).toBe('2027-02-28');
	});

	it('[follow-up:default-due] a meeting today or tomorrow makes the task due today, never in the past', () => {
		expect(due('2027-03-14T02:00:00Z', meetingOn(2027, 3))).toBe('2027-03-14');
		expect(due('2027-03-15T00:30:00Z', meetingOn(2027, 3))).toBe('2027-03-15');
	});

	it('[follow-up:default-due] without a next meeting, thirty days from today (China date)', () => {
		expect(due('2027-01-31T02:00:00Z', null)).toBe('2027-03-02');
		// 20:00 UTC on 31 January is already 1 February in China.
		expect(due('2027-01-31T20:00:00Z', null)).toBe('2027-03-03');
	});
});
