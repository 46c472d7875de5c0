import type { AgendaItemFields } from './meeting-events';

export type TemplateItem = Pick<AgendaItemFields, 'title' | 'plannedMinutes' | 'kind'>;

/**
 * The order most councils follow (Robert's Rules' order of business, as the seeds' councils run
 * it): the previous minutes are approved, follow-up tasks come back as matters arising, then new
 * business. Titles are in the language of whoever schedules the meeting.
 */
export function standardAgenda(locale: 'zh' | 'en'): TemplateItem[] {
	const zh = locale === 'zh';
	return [
		{ title: zh ? '开会，确认到会人数' : 'Opening and attendance', plannedMinutes: 5, kind: 'information' },
		{
			title: zh ? '通过上次会议纪要' : 'Approval of the previous minutes',
			plannedMinutes: 10,
			kind: 'decision'
		},
		{ title: zh ? '跟进事项' : 'Matters arising', plannedMinutes: 20, kind: 'discussion' },
		{ title: zh ? '新议题' : 'New business', plannedMinutes: 45, kind: 'discussion' },
		{ title: zh ? '其他事项' : 'Any other business', plannedMinutes: 10, kind: 'discussion' }
	];
}
