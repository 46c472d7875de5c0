import { isSettled, type FollowUpStatus } from '../meeting/follow-up';
import { daysBetween, wallDate, type CalendarDate } from './calendar-date';

export interface DueTask {
	dueOn: CalendarDate;
	status: FollowUpStatus;
}

/**
 * Overdue once the due date has passed on the council's wall calendar: a task due on the 14th is
 * still on time until midnight between the 14th and the 15th there. Done or dropped tasks never are.
 */
export function isOverdue(task: DueTask, now: Date, utcOffsetMinutes: number): boolean {
	return !isSettled(task.status) && task.dueOn < wallDate(now, utcOffsetMinutes);
}

/** How many days before the due date the owner is reminded. */
export const REMIND_DAYS_BEFORE = 2;

/**
 * The owner is reminded while the due date is near: from REMIND_DAYS_BEFORE days before it up to
 * the day itself. Whether a reminder already went for this due date is for the caller to know.
 */
export function isReminderDue(task: DueTask, now: Date, utcOffsetMinutes: number): boolean {
	if (isSettled(task.status)) return false;
	const left = daysBetween(wallDate(now, utcOffsetMinutes), task.dueOn);
	return left >= 0 && left <= REMIND_DAYS_BEFORE;
}
