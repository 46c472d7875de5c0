import type { Sql } from '../db/database';

export interface MeetingRow {
	id: string;
	councilId: string;
	titleZh: string;
	titleEn: string;
	startsAt: Date;
	plannedMinutes: number;
	location: string | null;
	onlineUrl: string | null;
}

export type MeetingFields = Omit<MeetingRow, 'id'> & { createdBy: string | null };

const columns = 'id, council_id, title_zh, title_en, starts_at, planned_minutes, location, online_url';

export function meetingRepository(sql: Sql) {
	return {
		async insert(input: MeetingFields): Promise<MeetingRow> {
			const [row] = await sql<MeetingRow[]>`
				insert into meeting ${sql(input, 'councilId', 'titleZh', 'titleEn', 'startsAt', 'plannedMinutes', 'location', 'onlineUrl', 'createdBy')}
				returning ${sql.unsafe(columns)}`;
			return row!;
		},
		async findById(id: string): Promise<MeetingRow | null> {
			const [row] = await sql<MeetingRow[]>`select ${sql.unsafe(columns)} from meeting where id = ${id}`;
			return row ?? null;
		},
		/** Meetings that have not ended yet, soonest first. */
		async listUpcoming(councilId: string, now: Date, limit = 20): Promise<MeetingRow[]> {
			return sql<MeetingRow[]>`
				select ${sql.unsafe(columns)} from meeting
				where council_id = ${councilId}
					and starts_at + make_interval(mins => planned_minutes) > ${now}
				order by starts_at limit ${limit}`;
		}
	};
}
