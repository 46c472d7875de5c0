import { CHINA_STANDARD_TIME } from '../../domain/calendar/wall-clock';
import { addDays, wallDate } from '../../domain/follow-up/calendar-date';
import { isReminderDue, REMIND_DAYS_BEFORE } from '../../domain/follow-up/overdue';
import type { Pool } from '../db/database';
import type { Mailer } from '../mail/mailer';
import { taskReminderMail } from '../mail/reminder-mail';
import { followUpRepository } from '../repositories/follow-up.repository';

export interface ReminderDeps {
	sql: Pool;
	now: () => Date;
	origin: string;
	mailer: Mailer;
	log: (line: string, error?: unknown) => void;
}

/**
 * Mails each owner whose open task falls due within the next few days, once per task and due date:
 * the reminder is claimed in the database before it is sent, so a second run, a restart or another
 * instance does not send it again (a failed send is not retried for that due date).
 */
export async function sendDueReminders(d: ReminderDeps): Promise<number> {
	const now = d.now();
	const today = wallDate(now, CHINA_STANDARD_TIME);
	const repo = followUpRepository(d.sql);
	const due = await repo.listDueForReminder(today, addDays(today, REMIND_DAYS_BEFORE));
	let sent = 0;
	for (const task of due) {
		if (!isReminderDue(task, now, CHINA_STANDARD_TIME)) continue;
		if (!(await repo.claimReminder(task.id, task.dueOn, now))) continue;
		try {
			await d.mailer.send({
				to: task.ownerEmail,
				...taskReminderMail({ ...task, url: `${d.origin}/tasks` })
			});
			sent += 1;
		} catch (error) {
			d.log(`task reminder for ${task.id} could not be sent`, error);
		}
	}
	return sent;
}

const HOUR_MS = 3_600_000;
const FIRST_RUN_MS = 10_000;

/** One timer for the process: a run shortly after start, then every hour. */
export function startReminderSchedule(d: ReminderDeps, everyMs = HOUR_MS): { stop(): Promise<void> } {
	let running: Promise<unknown> = Promise.resolve();
	const run = () => {
		running = sendDueReminders(d).catch((error) => d.log('task reminders failed', error));
	};
	const first = setTimeout(run, Math.min(FIRST_RUN_MS, everyMs));
	const timer = setInterval(run, everyMs);
	first.unref();
	timer.unref();
	return {
		async stop() {
			clearTimeout(first);
			clearInterval(timer);
			await running;
		}
	};
}
