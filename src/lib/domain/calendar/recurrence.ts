import { fail, ok, type Result } from '../result';

export const Frequency = {
	once: 'once',
	weekly: 'weekly',
	monthly: 'monthly',
	quarterly: 'quarterly'
} as const;
export type Frequency = (typeof Frequency)[keyof typeof Frequency];
export const FREQUENCIES: readonly Frequency[] = Object.values(Frequency);

export const MAX_OCCURRENCES = 52;

/**
 * The start instants of a series, keeping the first meeting's wall-clock time in the council's
 * zone. Monthly and quarterly series keep the day of the month (the Jinghu association meets on
 * the 15th); a month without that day (the 31st in April) is skipped rather than moved.
 */
export function seriesStarts(
	first: Date,
	frequency: Frequency,
	count: number,
	utcOffsetMinutes: number
): Result<Date[], 'invalid-input'> {
	if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES) {
		return fail('invalid-input', `A series has 1 to ${MAX_OCCURRENCES} meetings.`);
	}
	if (frequency === 'once') return ok([first]);
	const offset = utcOffsetMinutes * 60_000;
	const local = new Date(first.getTime() + offset);
	const [y, mo, d, h, mi] = [
		local.getUTCFullYear(),
		local.getUTCMonth(),
		local.getUTCDate(),
		local.getUTCHours(),
		local.getUTCMinutes()
	];
	const out: Date[] = [];
	for (let step = 0; out.length < count && step < count * 4; step++) {
		const wall =
			frequency === 'weekly'
				? Date.UTC(y, mo, d + 7 * step, h, mi)
				: Date.UTC(y, mo + step * (frequency === 'monthly' ? 1 : 3), d, h, mi);
		if (frequency !== 'weekly' && new Date(wall).getUTCDate() !== d) continue;
		out.push(new Date(wall - offset));
	}
	return ok(out);
}
