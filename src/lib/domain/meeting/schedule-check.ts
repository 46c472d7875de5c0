/** How far from its scheduled start a meeting may be opened without a second thought. */
export const OPENING_TOLERANCE_MS = 2 * 60 * 60 * 1000;

/**
 * Whether opening now is far enough from the scheduled start to be a likely slip (the wrong
 * meeting in a list, a date misread): opening cannot be undone, and it freezes roster and rules.
 */
export function opensOffSchedule(startsAt: Date | string, now: Date): boolean {
	return Math.abs(now.getTime() - new Date(startsAt).getTime()) > OPENING_TOLERANCE_MS;
}
