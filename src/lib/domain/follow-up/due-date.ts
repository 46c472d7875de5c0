import { addDays, wallDate, type CalendarDate } from './calendar-date';

/** Without a next meeting on the calendar, a task is due this many days after it is created. */
export const DEFAULT_DUE_DAYS = 30;

/**
 * A task is due before the next meeting, so that its owner can report back there: the day before
 * that meeting (wall-clock date in the council's zone). A meeting tomorrow or today leaves no day
 * in between, so the task is then due today rather than in the past.
 */
export function defaultDueOn(o: {
	now: Date;
	nextMeetingStartsAt: Date | null;
	utcOffsetMinutes: number;
}): CalendarDate {
	const today = wallDate(o.now, o.utcOffsetMinutes);
	if (!o.nextMeetingStartsAt) return addDays(today, DEFAULT_DUE_DAYS);
	const dayBefore = addDays(wallDate(o.nextMeetingStartsAt, o.utcOffsetMinutes), -1);
	return dayBefore < today ? today : dayBefore;
}
