import type { Sql } from '../db/database';
import type { MeetingRow } from './meeting.repository';

/** A meeting as a calendar shows it. */
export type FeedMeeting = Omit<MeetingRow, 'councilId'>;
import type { TemplateItem } from '../../domain/meeting/agenda-template';

export interface AgendaTemplateRow {
	id: string;
	name: string;
	items: TemplateItem[];
}

export function scheduleRepository(sql: Sql) {
	return {
		async insertSeries(input: { councilId: string; frequency: string; createdBy: string }): Promise<string> {
			const [row] = await sql<{ id: string }[]>`
				insert into meeting_series ${sql(input, 'councilId', 'frequency', 'createdBy')} returning id`;
			return row!.id;
		},
		async setSeries(meetingId: string, seriesId: string): Promise<void> {
			await sql`update meeting set series_id = ${seriesId} where id = ${meetingId}`;
		},
		listTemplates(councilId: string): Promise<AgendaTemplateRow[]> {
			return sql<AgendaTemplateRow[]>`
				select id, name, items from agenda_template where council_id = ${councilId} order by name`;
		},
		async findTemplate(councilId: string, id: string): Promise<AgendaTemplateRow | null> {
			const [row] = await sql<AgendaTemplateRow[]>`
				select id, name, items from agenda_template where council_id = ${councilId} and id::text = ${id}`;
			return row ?? null;
		},
		/** Saving under an existing name replaces that template. */
		async saveTemplate(input: { councilId: string; name: string; items: TemplateItem[]; createdBy: string }) {
			await sql`
				insert into agenda_template (council_id, name, items, created_by)
				values (${input.councilId}, ${input.name}, ${sql.json(input.items as never)}, ${input.createdBy})
				on conflict (council_id, name) do update set items = excluded.items`;
		},
		async calendarKey(councilId: string): Promise<string | null> {
			const [row] = await sql<
				{ calendarKey: string }[]
			>`select calendar_key from council where id = ${councilId}`;
			return row?.calendarKey ?? null;
		},
		/** Meetings for a calendar feed: the last year and everything ahead. */
		feedMeetings(councilId: string, since: Date) {
			return sql<FeedMeeting[]>`
				select id, title_zh, title_en, starts_at, planned_minutes, location, online_url
				from meeting where council_id = ${councilId} and starts_at >= ${since}
				order by starts_at limit 500`;
		}
	};
}
