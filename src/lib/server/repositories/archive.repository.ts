import type { FollowUpStatus } from '../../domain/meeting/follow-up';
import type { Sql } from '../db/database';

export interface ArchivedMeeting {
	id: string;
	titleZh: string;
	titleEn: string;
	startsAt: Date;
}

export interface FrozenVersionRow {
	id: string;
	documentId: string;
	documentTitle: string;
	name: string;
	html: string;
	sha256: string;
	frozenAt: Date;
}

export interface ArchivedTask {
	id: string;
	title: string;
	status: FollowUpStatus;
	dueOn: string;
	ownerName: string | null;
	ownerOrganisation: string | null;
	createdAt: Date;
}

/** What an archive reads of a council over a date range: meetings, frozen versions, tasks. */
export function archiveRepository(sql: Sql) {
	return {
		async meetings(councilId: string, from: Date, to: Date): Promise<ArchivedMeeting[]> {
			return sql<ArchivedMeeting[]>`
				select id, title_zh, title_en, starts_at from meeting
				where council_id = ${councilId} and starts_at >= ${from} and starts_at < ${to}
				order by starts_at`;
		},
		async frozenVersions(councilId: string, from: Date, to: Date): Promise<FrozenVersionRow[]> {
			return sql<FrozenVersionRow[]>`
				select v.id, v.document_id, d.title as document_title, v.name, v.html, v.sha256, v.frozen_at
				from document_version v join proposal_document d on d.id = v.document_id
				where d.council_id = ${councilId} and v.frozen_at >= ${from} and v.frozen_at < ${to}
				order by v.frozen_at`;
		},
		async tasks(councilId: string, from: Date, to: Date, keyword: string): Promise<ArchivedTask[]> {
			const like = `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
			return sql<ArchivedTask[]>`
				select t.id, t.title, t.status, t.due_on::text as due_on, u.name as owner_name,
					t.owner_organisation, t.created_at
				from follow_up_task t
				left join council_member m on m.id = t.owner_member_id
				left join users u on u.id = m.user_id
				where t.council_id = ${councilId} and t.created_at >= ${from} and t.created_at < ${to}
					and t.title ilike ${like}
				order by t.created_at`;
		},
		async councilBySlug(slug: string): Promise<{ id: string } | null> {
			const [row] = await sql<{ id: string }[]>`select id from council where slug = ${slug}`;
			return row ?? null;
		}
	};
}

/** What a council shows the public when it has opted in: names and its approved minutes. */
export function publicMinutesRepository(sql: Sql) {
	return {
		async council(
			slug: string
		): Promise<{ id: string; slug: string; nameZh: string; nameEn: string } | null> {
			const [row] = await sql<{ id: string; slug: string; nameZh: string; nameEn: string }[]>`
				select id, slug, name_zh, name_en from council where slug = ${slug} and minutes_public`;
			return row ?? null;
		},
		async isPublic(councilId: string): Promise<boolean> {
			const [row] = await sql<{ minutesPublic: boolean }[]>`
				select minutes_public from council where id = ${councilId}`;
			return row?.minutesPublic ?? false;
		},
		async setPublic(councilId: string, value: boolean): Promise<void> {
			await sql`update council set minutes_public = ${value} where id = ${councilId}`;
		}
	};
}
