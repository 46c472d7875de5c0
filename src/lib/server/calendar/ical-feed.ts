import ical from 'ical-generator';
import type { FeedMeeting } from '../repositories/schedule.repository';

/** An RFC 5545 calendar of a council's meetings, bilingual titles, each linking to its live room. */
export function councilCalendar(input: {
	councilName: string;
	councilUrl: string;
	meetings: readonly FeedMeeting[];
}): string {
	const calendar = ical({
		name: input.councilName,
		prodId: { company: 'Yishi', product: 'yishi', language: 'ZH' }
	});
	for (const m of input.meetings) {
		calendar.createEvent({
			id: `${m.id}@yishi`,
			start: m.startsAt,
			end: new Date(m.startsAt.getTime() + m.plannedMinutes * 60_000),
			summary: m.titleZh === m.titleEn ? m.titleZh : `${m.titleZh} · ${m.titleEn}`,
			location: m.location ?? m.onlineUrl ?? undefined,
			url: `${input.councilUrl}/meetings/${m.id}`,
			description: [input.councilName, m.onlineUrl].filter(Boolean).join('\n')
		});
	}
	return calendar.toString();
}
