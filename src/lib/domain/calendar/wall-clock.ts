/**
 * The instant at which a wall-clock time occurs in a fixed-offset zone. China has used UTC+8
 * without daylight saving since 1991, which is the offset every council here meets in.
 */
export function wallClockToInstant(
	date: { year: number; month: number; day: number; hour: number; minute: number },
	utcOffsetMinutes: number
): Date {
	const asUtc = Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute);
	return new Date(asUtc - utcOffsetMinutes * 60_000);
}

/** The next occurrence of day-of-month `day` at the given wall-clock time, strictly after `now`. */
export function nextMonthlyOn(
	now: Date,
	day: number,
	time: { hour: number; minute: number },
	utcOffsetMinutes: number
): Date {
	const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
	let year = local.getUTCFullYear();
	let month = local.getUTCMonth() + 1;
	for (let i = 0; i < 24; i++) {
		const candidate = wallClockToInstant({ year, month, day, ...time }, utcOffsetMinutes);
		const sameMonth = new Date(candidate.getTime() + utcOffsetMinutes * 60_000).getUTCMonth() + 1 === month;
		if (sameMonth && candidate.getTime() > now.getTime()) return candidate;
		month += 1;
		if (month > 12) {
			month = 1;
			year += 1;
		}
	}
	throw new RangeError(`No day ${day} found in the next two years`);
}

export const CHINA_STANDARD_TIME = 8 * 60;
