import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seriesStarts } from './recurrence';
import { CHINA_STANDARD_TIME, wallClockToInstant } from './wall-clock';

const cst = (y: number, m: number, d: number, h = 9, mi = 30) =>
	wallClockToInstant({ year: y, month: m, day: d, hour: h, minute: mi }, CHINA_STANDARD_TIME);
const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : null);

describe('meeting series', () => {
	it('[recurrence:monthly] the elder association meets on the 15th at 09:30 every month', () => {
		const starts = value(seriesStarts(cst(2026, 12, 15), 'monthly', 3, CHINA_STANDARD_TIME));
		expect(starts?.map((d) => d.toISOString())).toEqual([
			'2026-12-15T01:30:00.000Z',
			'2027-01-15T01:30:00.000Z',
			'2027-02-15T01:30:00.000Z'
		]);
	});

	it('[recurrence:quarterly] the joint council meets every three months on the same day', () => {
		const starts = value(seriesStarts(cst(2026, 12, 10, 14, 30), 'quarterly', 4, CHINA_STANDARD_TIME));
		expect(starts?.map((d) => d.toISOString().slice(0, 10))).toEqual([
			'2026-12-10',
			'2027-03-10',
			'2027-06-10',
			'2027-09-10'
		]);
	});

	it('[recurrence:month-end] a series on the 31st skips months without one', () => {
		const starts = value(seriesStarts(cst(2027, 1, 31), 'monthly', 3, CHINA_STANDARD_TIME));
		expect(starts?.map((d) => d.toISOString().slice(0, 10))).toEqual([
			'2027-01-31',
			'2027-03-31',
			'2027-05-31'
		]);
	});

	it('[recurrence:weekly] weekly meetings are seven days apart across a month end', () => {
		const starts = value(seriesStarts(cst(2026, 12, 28, 19, 30), 'weekly', 2, CHINA_STANDARD_TIME));
		expect(starts?.map((d) => d.toISOString())).toEqual([
			'2026-12-28T11:30:00.000Z',
			'2027-01-04T11:30:00.000Z'
		]);
	});

	it('[recurrence:bounds] a series has between 1 and 52 meetings', () => {
		expect(seriesStarts(cst(2026, 12, 15), 'monthly', 0, CHINA_STANDARD_TIME).ok).toBe(false);
		expect(seriesStarts(cst(2026, 12, 15), 'monthly', 53, CHINA_STANDARD_TIME).ok).toBe(false);
	});

	it('[recurrence:order] starts are strictly increasing and keep the wall-clock time', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
				fc.constantFrom('weekly' as const, 'monthly' as const, 'quarterly' as const),
				fc.integer({ min: 1, max: 24 }),
				(when, frequency, count) => {
					// Meetings are scheduled to the minute.
					const first = new Date(Math.floor(when.getTime() / 60_000) * 60_000);
					const starts = value(seriesStarts(first, frequency, count, CHINA_STANDARD_TIME))!;
					expect(starts).toHaveLength(count);
					for (let i = 1; i < starts.length; i++)
						expect(starts[i]!.getTime()).toBeGreaterThan(starts[i - 1]!.getTime());
					for (const s of starts) expect((s.getTime() - first.getTime()) % 60_000).toBe(0);
				}
			)
		);
	});
});
