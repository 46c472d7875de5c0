import { describe, expect, it } from 'vitest';
import { CHINA_STANDARD_TIME, wallClockToInstant } from '../calendar/wall-clock';
import type { FollowUpStatus } from '../meeting/follow-up';
import { isMatterArising, statusAtStartOf, type ProgressEntry, type TaskOrigin } from './matters-arising';

const on15th = (month: number, year = 2019) => ({
	id: `meeting-${year}-${month}`,
	startsAt: wallClockToInstant({ year, month, day: 15, hour: 9, minute: 30 }, CHINA_STANDARD_TIME)
});
const may = on15th(5);
const june = on15th(6);
const july = on15th(7);
const minutesInto = (m: { startsAt: Date }, minutes: number) =>
	new Date(m.startsAt.getTime() + minutes * 60_000);
const change = (status: FollowUpStatus, at: Date, meetingId: string | null = null): ProgressEntry => ({
	status,
	at,
	meetingId
});

/** The truck-access task of the Jinghu elder association, raised at the May 2019 meeting. */
const trucks: TaskOrigin = { createdAt: minutesInto(may, 40), createdInMeeting: may.id };
const arising = (meeting: { id: string; startsAt: Date }, history: ProgressEntry[], task = trucks) =>
	isMatterArising({ task, history, meeting });

describe('matters arising', () => {
	it('[follow-up:arising] a task is not a matter arising at the meeting that created it', () => {
		expect(arising(may, [])).toBe(false);
	});

	it('[follow-up:arising] an open task comes back at the next meeting and every one after', () => {
		expect(arising(june, [])).toBe(true);
		expect(arising(july, [])).toBe(true);
	});

	it('[follow-up:arising] in progress still comes back', () => {
		expect(arising(june, [change('in-progress', new Date('2019-05-20T02:00:00Z'))])).toBe(true);
	});

	it("[follow-up:arising] marked done at the June meeting: on June's list, gone from July's", () => {
		const history = [change('done', minutesInto(june, 20), june.id)];
		expect(arising(june, history)).toBe(true);
		expect(arising(july, history)).toBe(false);
	});

	it('[follow-up:arising] settled between meetings: it does not come back', () => {
		expect(arising(june, [change('done', new Date('2019-06-01T02:00:00Z'))])).toBe(false);
		expect(arising(june, [change('dropped', new Date('2019-06-01T02:00:00Z'))])).toBe(false);
	});

	it('[follow-up:arising] reopened after being done: it comes back again', () => {
		const history = [
			change('done', new Date('2019-06-01T02:00:00Z')),
			change('open', new Date('2019-06-20T02:00:00Z'))
		];
		expect(arising(june, history)).toBe(false);
		expect(arising(july, history)).toBe(true);
	});

	it('[follow-up:arising] a change recorded in a meeting opened before its scheduled time belongs to it', () => {
		const history = [change('done', minutesInto(june, -10), june.id)];
		expect(arising(june, history)).toBe(true);
		expect(arising(july, history)).toBe(false);
	});

	it("[follow-up:arising] a task created after a meeting began is not on that meeting's list", () => {
		const later: TaskOrigin = { createdAt: new Date('2019-06-20T02:00:00Z'), createdInMeeting: null };
		expect(arising(june, [], later)).toBe(false);
		expect(arising(july, [], later)).toBe(true);
	});

	it('[follow-up:arising] history is read by time, whatever order it is given in', () => {
		const history = [
			change('in-progress', new Date('2019-06-10T02:00:00Z')),
			change('done', new Date('2019-06-01T02:00:00Z'))
		];
		expect(statusAtStartOf(june, history)).toBe('in-progress');
		expect(arising(june, history)).toBe(true);
	});
});
