import { describe, expect, it } from 'vitest';
import { opensOffSchedule } from './schedule-check';

describe('opening against the schedule', () => {
	const startsAt = '2026-12-15T11:30:00Z';

	it('[meeting:open] opening ten days early is off schedule', () => {
		expect(opensOffSchedule(startsAt, new Date('2026-12-05T11:30:00Z'))).toBe(true);
	});

	it('[meeting:open] opening within two hours either side of the start is not', () => {
		expect(opensOffSchedule(startsAt, new Date('2026-12-15T09:45:00Z'))).toBe(false);
		expect(opensOffSchedule(startsAt, new Date('2026-12-15T13:15:00Z'))).toBe(false);
	});

	it('[meeting:open] opening more than two hours late is off schedule too', () => {
		expect(opensOffSchedule(startsAt, new Date('2026-12-15T13:31:00Z'))).toBe(true);
	});
});
