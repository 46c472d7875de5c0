import { describe, expect, it } from 'vitest';
import { CHINA_STANDARD_TIME, wallClockToInstant } from '../calendar/wall-clock';
import type { FollowUpStatus } from '../meeting/follow-up';
import { isOverdue, isReminderDue } from './overdue';

const china = (y: number, mo: number, d: number, h = 9, mi = 30) =>
	wallClockToInstant({ year: y, month: mo, day: d, hour: h, minute: mi }, CHINA_STANDARD_TIME);
const overdue = (dueOn: string, at: Date, status: FollowUpStatus = 'open') =>
	isOverdue({ dueOn, status }, at, CHINA_STANDARD_TIME);
const remind = (dueOn: string, at: Date, status: FollowUpStatus = 'open') =>
	isReminderDue({ dueOn, status }, at, CHINA_STANDARD_TIME);

describe('overdue', () => {
	it('[follow-up:overdue] due the day before the 15th: on time that day, overdue at the meeting', () => {
		expect(overdue('2027-03-14', china(2027, 3, 14, 23, 59))).toBe(false);
		expect(overdue('2027-03-14', china(2027, 3, 15, 0, 0))).toBe(true);
		expect(overdue('2027-03-14', china(2027, 3, 15))).toBe(true);
	});

	it('[follow-up:overdue] each month on the 15th, February included', () => {
		const dues = [
			['2027-01-14', 1],
			['2027-02-14', 2],
			['2027-03-14', 3],
			['2028-02-14', 2]
		] as const;
		for (const [dueOn, month] of dues) {
			const year = Number(dueOn.slice(0, 4));
			expect(overdue(dueOn, china(year, month, 14, 12, 0)), `${dueOn} on the 14th`).toBe(false);
			expect(overdue(dueOn, china(year, month, 15)), `${dueOn} at the meeting`).toBe(true);
			const before = month === 1 ? china(year - 1, 12, 15) : china(year, month - 1, 15);
			expect(overdue(dueOn, before), `${dueOn} at the meeting a month before`).toBe(false);
		}
	});

	it('[follow-up:overdue] a task due at the end of February is overdue on 1 March, leap year or not', () => {
		expect(overdue('2027-02-28', china(2027, 2, 28, 23, 0))).toBe(false);
		expect(overdue('2027-02-28', china(2027, 3, 1, 0, 0))).toBe(true);
		expect(overdue('2028-02-28', china(2028, 2, 29))).toBe(true);
		expect(overdue('2028-02-29', china(2028, 2, 29, 23, 59))).toBe(false);
		expect(overdue('2028-02-29', china(2028, 3, 1, 0, 0))).toBe(true);
	});

	it('[follow-up:overdue] uses the China wall clock: 17:00 UTC on the due date is already the next day', () => {
		expect(overdue('2027-02-14', new Date('2027-02-14T15:59:00Z'))).toBe(false);
		expect(overdue('2027-02-14', new Date('2027-02-14T16:00:00Z'))).toBe(true);
	});

	it('[follow-up:overdue] done and dropped tasks are never overdue; in-progress ones are', () => {
		const late = china(2027, 4, 15);
		expect(overdue('2027-03-14', late, 'done')).toBe(false);
		expect(overdue('2027-03-14', late, 'dropped')).toBe(false);
		expect(overdue('2027-03-14', late, 'in-progress')).toBe(true);
	});
});

describe('reminder before the due date', () => {
	it('[follow-up:reminder] from two days before up to the due date itself', () => {
		expect(remind('2027-03-14', china(2027, 3, 11))).toBe(false);
		expect(remind('2027-03-14', china(2027, 3, 12, 0, 0))).toBe(true);
		expect(remind('2027-03-14', china(2027, 3, 14, 23, 59))).toBe(true);
		expect(remind('2027-03-14', china(2027, 3, 15))).toBe(false);
	});

	it('[follow-up:reminder] counts days across the end of February', () => {
		expect(remind('2027-03-01', china(2027, 2, 27))).toBe(true);
		expect(remind('2027-03-01', china(2027, 2, 26))).toBe(false);
		expect(remind('2028-03-01', china(2028, 2, 27))).toBe(false);
	});

	it('[follow-up:reminder] not for settled tasks', () => {
		expect(remind('2027-03-14', china(2027, 3, 13), 'done')).toBe(false);
		expect(remind('2027-03-14', china(2027, 3, 13), 'dropped')).toBe(false);
	});
});
