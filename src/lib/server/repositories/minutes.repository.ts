import type { Sql } from '../db/database';
import type { Minutes } from '../../domain/minutes/minutes';
import type { MinutesLocale } from '../../domain/minutes/minutes-labels';

export type GeneratedMinutes = Record<MinutesLocale, Minutes>;
export type ItemNotes = Record<string, string>;

export interface MinutesVersionRow {
	meetingId: string;
	version: number;
	status: 'draft' | 'approved';
	generated: GeneratedMinutes;
	notes: ItemNotes | null;
	logSeq: number;
	logHash: string;
	approvedAt: Date | null;
	approvedInMeetingId: string | null;
	correctionReason: string | null;
	createdAt: Date;
}

const columns = `meeting_id, version, status, generated, notes, log_seq, log_hash, approved_at,
	approved_in_meeting_id, correction_reason, created_at`;

export interface LaterMeeting {
	id: string;
	titleZh: string;
	titleEn: string;
	startsAt: Date;
	held: boolean;
}

export function minutesRepository(sql: Sql) {
	return {
		async list(meetingId: string): Promise<MinutesVersionRow[]> {
			return sql<MinutesVersionRow[]>`
				select ${sql.unsafe(columns)} from minutes_version where meeting_id = ${meetingId} order by version`;
		},
		async find(meetingId: string, version: number): Promise<MinutesVersionRow | null> {
			const [row] = await sql<MinutesVersionRow[]>`
				select ${sql.unsafe(columns)} from minutes_version
				where meeting_id = ${meetingId} and version = ${version}`;
			return row ?? null;
		},
		/** Writes the draft (a new version number if there is none), keeping one draft per meeting. */
		async saveDraft(input: {
			meetingId: string;
			generated: GeneratedMinutes;
			notes: ItemNotes | null;
			logSeq: number;
			logHash: string;
			correctionReason: string | null;
			createdBy: string;
		}): Promise<MinutesVersionRow> {
			const [row] = await sql<MinutesVersionRow[]>`
				insert into minutes_version (meeting_id, version, status, generated, notes, log_seq, log_hash,
					correction_reason, created_by)
				values (${input.meetingId},
					(select coalesce(max(version), 0) + 1 from minutes_version where meeting_id = ${input.meetingId}),
					'draft', ${sql.json(input.generated as never)}, ${input.notes === null ? null : sql.json(input.notes)},
					${input.logSeq}, ${input.logHash}, ${input.correctionReason}, ${input.createdBy})
				on conflict (meeting_id) where status = 'draft' do update set
					generated = excluded.generated, notes = excluded.notes, log_seq = excluded.log_seq,
					log_hash = excluded.log_hash,
					correction_reason = coalesce(excluded.correction_reason, minutes_version.correction_reason)
				returning ${sql.unsafe(columns)}`;
			return row!;
		},
		async approveDraft(input: {
			meetingId: string;
			generated: GeneratedMinutes;
			logSeq: number;
			logHash: string;
			approvedAt: Date;
			approvedInMeetingId: string;
			approvedBy: string;
		}): Promise<MinutesVersionRow | null> {
			const [row] = await sql<MinutesVersionRow[]>`
				update minutes_version set status = 'approved', generated = ${sql.json(input.generated as never)},
					log_seq = ${input.logSeq}, log_hash = ${input.logHash}, approved_at = ${input.approvedAt},
					approved_in_meeting_id = ${input.approvedInMeetingId}, approved_by = ${input.approvedBy}
				where meeting_id = ${input.meetingId} and status = 'draft'
				returning ${sql.unsafe(columns)}`;
			return row ?? null;
		},
		/** The council's meeting just before this one, whose minutes this one may approve. */
		async previousMeeting(
			meetingId: string
		): Promise<{ id: string; titleZh: string; titleEn: string; startsAt: Date } | null> {
			const [row] = await sql<{ id: string; titleZh: string; titleEn: string; startsAt: Date }[]>`
				select p.id, p.title_zh, p.title_en, p.starts_at from meeting m
				join meeting p on p.council_id = m.council_id and p.starts_at < m.starts_at
				where m.id = ${meetingId} order by p.starts_at desc limit 1`;
			return row ?? null;
		},
		/** Meetings of the council after this one, where its minutes may be approved (soonest first). */
		/** The council's meetings after this one; `held`: opened (running now, or over). */
		async laterMeetings(meetingId: string): Promise<LaterMeeting[]> {
			return sql<LaterMeeting[]>`
				select n.id, n.title_zh, n.title_en, n.starts_at,
					exists (select 1 from meeting_event e where e.meeting_id = n.id and e.type = 'meeting:open') as held
				from meeting m
				join meeting n on n.council_id = m.council_id and n.starts_at > m.starts_at
				where m.id = ${meetingId} order by n.starts_at limit 12`;
		},
		/** The meetings whose minutes were approved in this one. */
		async approvedIn(meetingId: string): Promise<{ titleZh: string; titleEn: string; startsAt: Date }[]> {
			return sql<{ titleZh: string; titleEn: string; startsAt: Date }[]>`
				select distinct m.title_zh, m.title_en, m.starts_at from minutes_version v
				join meeting m on m.id = v.meeting_id
				where v.approved_in_meeting_id = ${meetingId} and v.status = 'approved'
				order by m.starts_at`;
		},
		/** Whether the meeting has been opened (is running now, or is over). */
		async held(meetingId: string): Promise<boolean> {
			const [row] = await sql<{ held: boolean }[]>`
				select exists (select 1 from meeting_event where meeting_id = ${meetingId} and type = 'meeting:open') as held`;
			return row!.held;
		},
		/** Approved versions of a council's meetings that started in [from, to), oldest first. */
		async listApproved(councilId: string, from: Date, to: Date): Promise<MinutesVersionRow[]> {
			return sql<MinutesVersionRow[]>`
				select ${sql.unsafe(columns.replace(/(^|,\s*)(\w)/g, '$1v.$2'))} from minutes_version v
				join meeting m on m.id = v.meeting_id
				where m.council_id = ${councilId} and v.status = 'approved'
					and m.starts_at >= ${from} and m.starts_at < ${to}
				order by m.starts_at, v.version`;
		}
	};
}
