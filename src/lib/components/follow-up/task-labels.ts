import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { FollowUpStatus } from '$lib/domain/meeting/follow-up';

export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['open', 'in-progress', 'done', 'dropped'];

export const statusLabel = (status: FollowUpStatus): string =>
	({
		open: m.task_status_open,
		'in-progress': m.task_status_in_progress,
		done: m.task_status_done,
		dropped: m.task_status_dropped
	})[status]();

/** A calendar date (YYYY-MM-DD) as the reader's language writes it; it names a day, not an instant. */
export function formatDueOn(dueOn: string): string {
	return new Intl.DateTimeFormat(getLocale() === 'zh' ? 'zh-CN' : 'en-GB', {
		dateStyle: 'medium',
		timeZone: 'UTC'
	}).format(new Date(`${dueOn}T00:00:00Z`));
}

export function formatWhen(at: Date | string): string {
	return new Intl.DateTimeFormat(getLocale() === 'zh' ? 'zh-CN' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Asia/Shanghai'
	}).format(new Date(at));
}

export const ownerOf = (t: { ownerName: string | null; ownerOrganisation: string | null }) =>
	t.ownerName ?? t.ownerOrganisation ?? '—';
