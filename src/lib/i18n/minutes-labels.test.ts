import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { MINUTES_LABELS } from '$lib/domain/minutes/minutes-labels';

describe('minutes labels', () => {
	it('[minutes:labels] a task status reads the same in the minutes as in the room and the task list', () => {
		for (const locale of ['zh', 'en'] as const) {
			const ui = {
				open: m.task_status_open({}, { locale }),
				'in-progress': m.task_status_in_progress({}, { locale }),
				done: m.task_status_done({}, { locale }),
				dropped: m.task_status_dropped({}, { locale })
			};
			const minutes = MINUTES_LABELS[locale].taskStatus;
			// English minutes write statuses mid-sentence, in lower case.
			for (const [status, word] of Object.entries(ui))
				expect(minutes[status as keyof typeof ui], `${locale} ${status}`).toBe(
					locale === 'en' ? word.toLowerCase() : word
				);
		}
	});
});
