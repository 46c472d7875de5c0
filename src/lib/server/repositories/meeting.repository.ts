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

export interface UpcomingMeetingRow extends MeetingRow {
	/** Opened and not yet adjourned: the meeting is going on now. */
	opened: boolean;
}

export interface PastMeetingRow extends MeetingRow {
	minutesStatus: 'draft' | 'approved';
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
		/**
		 * Meetings still to come or under way, soonest first: not adjourned, and either before their
		 * planned end or opened (a meeting that runs over its planned time is still going on).
		 */
		async listUpcoming(councilId: string, now: Date, limit = 20): Promise<UpcomingMeetingRow[]> {
			return sql<UpcomingMeetingRow[]>`
				select ${sql.unsafe(columns)},
					exists (select 1 from meeting_event e where e.meeting_id = m.id and e.type = 'meeting:open') as opened
				from meeting m
				where council_id = ${councilId}
					and not exists (select 1 from meeting_event e where e.meeting_id = m.id and e.type = 'meeting:adjourn')
					and (starts_at + make_interval(mins => planned_minutes) > ${now}
						or exists (select 1 from meeting_event e where e.meeting_id = m.id and e.type = 'meeting:open'))
				order by starts_at limit ${limit}`;
		},
		/**
		 * Meetings that are over, newest first, with the status their minutes page shows: the draft
		 * if there is one, else the latest stored version; without any stored version the page shows
		 * the draft generated from the record.
		 */
		async listPast(councilId: string, now: Date, limit = 50): Promise<PastMeetingRow[]> {
			return sql<PastMeetingRow[]>`
				select ${sql.unsafe(columns)},
					coalesce((
						select v.status from minutes_version v where v.meeting_id = m.id
						order by (v.status = 'draft') desc, v.version desc limit 1
					), 'draft') as minutes_status
				from meeting m
				where council_id = ${councilId}
					and (exists (select 1 from meeting_event e where e.meeting_id = m.id and e.type = 'meeting:adjourn')
						or (starts_at + make_interval(mins => planned_minutes) <= ${now}
							and not exists (select 1 from meeting_event e where e.meeting_id = m.id and e.type = 'meeting:open')))
				order by starts_at desc limit ${limit}`;
		}
	};
}
