import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_STANDARD_TIME } from '../calendar/wall-clock';
import { addDays, daysBetween, wallDate } from './calendar-date';

describe('calendar dates in the council zone', () => {
	it('[follow-up:wall-date] the date is the one on the wall in China, not in UTC', () => {
		expect(wallDate(new Date('2026-03-14T15:59:59.999Z'), CHINA_STANDARD_TIME)).toBe('2026-03-14');
		expect(wallDate(new Date('2026-03-14T16:00:00.000Z'), CHINA_STANDARD_TIME)).toBe('2026-03-15');
		expect(wallDate(new Date('2026-12-31T16:00:00.000Z'), CHINA_STANDARD_TIME)).toBe('2027-01-01');
	});

	it('[follow-up:add-days] days roll over month ends, February and leap years included', () => {
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2027-03-15', -1)).toBe('2027-03-14');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-01-15', 30)).toBe('2026-02-14');
	});

	it('[follow-up:add-days] adding then counting the days gives the same number back', () => {
		const start = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
		fc.assert(
			fc.property(start, fc.integer({ min: -800, max: 800 }), (at, days) => {
				const from = wallDate(at, 0);
				expect(daysBetween(from, addDays(from, days))).toBe(days);
			})
		);
	});
});
