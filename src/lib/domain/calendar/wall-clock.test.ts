import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_STANDARD_TIME, nextMonthlyOn, wallClockToInstant } from './wall-clock';

/** The Jinghu elder association meets on the 15th of every month at 09:30 China time. */
const jinghu = (now: string) =>
	nextMonthlyOn(new Date(now), 15, { hour: 9, minute: 30 }, CHINA_STANDARD_TIME).toISOString();

describe('wall-clock time in China', () => {
	it('[calendar:utc+8] China Standard Time is UTC+8 all year', () => {
		expect(CHINA_STANDARD_TIME).toBe(480);
		const at = { year: 2026, month: 12, day: 15, hour: 9, minute: 30 };
		expect(wallClockToInstant(at, CHINA_STANDARD_TIME).toISOString()).toBe('2026-12-15T01:30:00.000Z');
		const summer = { year: 2026, month: 7, day: 1, hour: 0, minute: 0 };
		expect(wallClockToInstant(summer, CHINA_STANDARD_TIME).toISOString()).toBe('2026-06-30T16:00:00.000Z');
	});
});

describe('monthly meeting day', () => {
	it('[calendar:monthly] after the 15th, the next meeting is on the 15th of next month', () => {
		expect(jinghu('2026-11-23T04:00:00.000Z')).toBe('2026-12-15T01:30:00.000Z');
	});

	it('[calendar:monthly] earlier on the day of the meeting, it is that same morning', () => {
		expect(jinghu('2026-12-15T01:29:59.999Z')).toBe('2026-12-15T01:30:00.000Z');
	});

	it('[calendar:monthly] from exactly the meeting instant, the next one is a month later', () => {
		expect(jinghu('2026-12-15T01:30:00.000Z')).toBe('2027-01-15T01:30:00.000Z');
	});

	it('[calendar:monthly] the local date counts, not the UTC date', () => {
		// 17:00 UTC on the 14th is already 01:00 on the 15th in China: the meeting is hours away.
		expect(jinghu('2026-12-14T17:00:00.000Z')).toBe('2026-12-15T01:30:00.000Z');
		// 18:00 UTC on the 15th is 02:00 on the 16th in China: that meeting is over.
		expect(jinghu('2026-12-15T18:00:00.000Z')).toBe('2027-01-15T01:30:00.000Z');
	});

	it('[calendar:monthly] December rolls over into January of the next year', () => {
		expect(jinghu('2026-12-20T00:00:00.000Z')).toBe('2027-01-15T01:30:00.000Z');
	});

	it('[calendar:short-months] the 31st skips months that do not have one', () => {
		const on31 = (now: string) =>
			nextMonthlyOn(new Date(now), 31, { hour: 9, minute: 30 }, CHINA_STANDARD_TIME).toISOString();
		expect(on31('2026-02-01T00:00:00.000Z')).toBe('2026-03-31T01:30:00.000Z');
		expect(on31('2026-04-01T00:00:00.000Z')).toBe('2026-05-31T01:30:00.000Z');
		expect(on31('2026-07-31T02:00:00.000Z')).toBe('2026-08-31T01:30:00.000Z');
	});

	it('[calendar:short-months] the 29th of February is only found in leap years', () => {
		const on29 = (now: string) =>
			nextMonthlyOn(new Date(now), 29, { hour: 9, minute: 30 }, CHINA_STANDARD_TIME).toISOString();
		expect(on29('2027-02-01T00:00:00.000Z')).toBe('2027-03-29T01:30:00.000Z');
		expect(on29('2028-02-01T00:00:00.000Z')).toBe('2028-02-29T01:30:00.000Z');
	});

	it.each([0, 32])('[calendar:short-months] day %i exists in no month and is refused', (day) => {
		expect(() =>
			nextMonthlyOn(new Date('2026-11-23T00:00:00Z'), day, { hour: 9, minute: 0 }, CHINA_STANDARD_TIME)
		).toThrow(RangeError);
	});

	it('[calendar:monthly] always the first such wall-clock time strictly after now', () => {
		const instant = fc.date({
			min: new Date('2000-01-01T00:00:00Z'),
			max: new Date('2090-01-01T00:00:00Z'),
			noInvalidDate: true
		});
		const time = fc.record({
			hour: fc.integer({ min: 0, max: 23 }),
			minute: fc.integer({ min: 0, max: 59 })
		});
		fc.assert(
			fc.property(instant, fc.integer({ min: 1, max: 31 }), time, (now, day, t) => {
				const next = nextMonthlyOn(now, day, t, CHINA_STANDARD_TIME);
				const local = new Date(next.getTime() + CHINA_STANDARD_TIME * 60_000);
				expect(next.getTime()).toBeGreaterThan(now.getTime());
				expect([local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes()]).toEqual([
					day,
					t.hour,
					t.minute
				]);
				// Nothing earlier qualifies: the first occurrence of this day after now is never skipped.
				const gapDays = (next.getTime() - now.getTime()) / 86_400_000;
				expect(gapDays).toBeLessThanOrEqual(day <= 28 ? 31 : 62);
			}),
			{ numRuns: 500 }
		);
	});
});
