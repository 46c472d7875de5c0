/**
 * Due dates are calendar dates (YYYY-MM-DD) in the council's time zone, not instants: a task due
 * on the 14th is due all day on the 14th in Wuhan, whatever the server's own zone.
 */
export type CalendarDate = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date on the wall calendar at `instant` in a zone `utcOffsetMinutes` east of UTC. */
export function wallDate(instant: Date, utcOffsetMinutes: number): CalendarDate {
	const local = new Date(instant.getTime() + utcOffsetMinutes * 60_000);
	return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/** The date `days` later (or earlier, when negative), across month and year ends. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const shifted = new Date(Date.UTC(y, m - 1, d + days));
	return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
	const toUtc = (date: CalendarDate) => {
		const [y, m, d] = date.split('-').map(Number) as [number, number, number];
		return Date.UTC(y, m - 1, d);
	};
	return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}
