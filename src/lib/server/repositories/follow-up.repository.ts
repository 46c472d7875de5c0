import type { Sql } from '../db/database';
import type { FollowUpStatus } from '../../domain/meeting/follow-up';

export interface FollowUpTaskRow {
	id: string;
	councilId: string;
	title: string;
	ownerMemberId: string | null;
	/** The owner's name, when the owner is a member. */
	ownerName: string | null;
	ownerOrganisation: string | null;
	/** YYYY-MM-DD */
	dueOn: string;
	status: FollowUpStatus;
	createdInMeeting: string | null;
	itemId: string | null;
	motionId: string | null;
	createdBy: string | null;
	createdAt: Date;
	updatedAt: Date;
}

export interface FollowUpProgressRow {
	taskId: string;
	at: Date;
	status: FollowUpStatus;
	note: string;
	actor: string | null;
	actorName: string | null;
	meetingId: string | null;
}

export type ReminderRow = FollowUpTaskRow & {
	ownerEmail: string;
	councilNameZh: string;
	councilNameEn: string;
};

export type NewTask = Omit<FollowUpTaskRow, 'ownerName' | 'status' | 'updatedAt'>;

export interface NewProgress {
	taskId: string;
	at: Date;
	status: FollowUpStatus;
	note: string;
	actor: string | null;
	meetingId: string | null;
	/** The log entry it was projected from, if any. */
	meetingSeq: number | null;
}

// Dates go out as text: a `date` parsed into a JS Date would be midnight UTC, a different day in China.
const taskColumns = `t.id, t.council_id, t.title, t.owner_member_id, u.name as owner_name,
	t.owner_organisation, t.due_on::text as due_on, t.status, t.created_in_meeting, t.item_id,
	t.motion_id, t.created_by, t.created_at, t.updated_at`;
const fromTasks = `follow_up_task t
	left join council_member m on m.id = t.owner_member_id
	left join users u on u.id = m.user_id`;

export function followUpRepository(sql: Sql) {
	const select = (where: string) => `select ${taskColumns} from ${fromTasks} where ${where}`;
	return {
		/** Inserting a task that exists already does nothing: facts may be projected again. */
		async insertTask(t: NewTask): Promise<boolean> {
			const rows = await sql`
				insert into follow_up_task (id, council_id, title, owner_member_id, owner_organisation, due_on,
					created_in_meeting, item_id, motion_id, created_by, created_at, updated_at)
				values (${t.id}, ${t.councilId}, ${t.title}, ${t.ownerMemberId}, ${t.ownerOrganisation},
					${t.dueOn}, ${t.createdInMeeting}, ${t.itemId}, ${t.motionId}, ${t.createdBy},
					${t.createdAt}, ${t.createdAt})
				on conflict (id) do nothing returning id`;
			return rows.length > 0;
		},
		/** Records a change; one projected from a log entry already recorded is not added again. */
		async addProgress(p: NewProgress): Promise<boolean> {
			const rows = await sql`
				insert into follow_up_progress (task_id, at, status, note, actor, meeting_id, meeting_seq)
				values (${p.taskId}, ${p.at}, ${p.status}, ${p.note}, ${p.actor}, ${p.meetingId}, ${p.meetingSeq})
				on conflict (meeting_id, meeting_seq) do nothing returning id`;
			if (rows.length === 0) return false;
			// The task shows its latest change, whatever order changes arrive in.
			await sql`
				update follow_up_task set status = ${p.status}, updated_at = ${p.at}
				where id = ${p.taskId} and updated_at <= ${p.at}`;
			return true;
		},
		async findTask(id: string): Promise<FollowUpTaskRow | null> {
			const [row] = await sql.unsafe<FollowUpTaskRow[]>(select('t.id = $1'), [id]);
			return row ?? null;
		},
		async findInCouncil(councilId: string, id: string): Promise<FollowUpTaskRow | null> {
			const [row] = await sql.unsafe<FollowUpTaskRow[]>(select('t.council_id = $1 and t.id = $2'), [
				councilId,
				id
			]);
			return row ?? null;
		},
		listByCouncil(councilId: string): Promise<FollowUpTaskRow[]> {
			return sql.unsafe<FollowUpTaskRow[]>(
				select(`t.council_id = $1 order by t.status in ('done', 'dropped'), t.due_on, t.created_at`),
				[councilId]
			);
		},
		/** Tasks a person owns in any council where they are an active member, as a member or for their organisation. */
		listOwnedBy(userId: string): Promise<FollowUpTaskRow[]> {
			return sql.unsafe<FollowUpTaskRow[]>(
				select(`exists (
					select 1 from council_member me
					where me.user_id = $1 and me.revoked_at is null and me.council_id = t.council_id
						and (me.id = t.owner_member_id
							or (t.owner_member_id is null and me.organisation is not null
								and me.organisation = t.owner_organisation)))
				order by t.status in ('done', 'dropped'), t.due_on, t.created_at`),
				[userId]
			);
		},
		/** Tasks of a council created before an instant: those that may come back at a meeting starting then. */
		listCreatedBefore(councilId: string, before: Date): Promise<FollowUpTaskRow[]> {
			return sql.unsafe<FollowUpTaskRow[]>(
				select(`t.council_id = $1 and t.created_at < $2 order by t.due_on, t.created_at`),
				[councilId, before]
			);
		},
		historyOf(taskIds: readonly string[]): Promise<FollowUpProgressRow[]> {
			if (taskIds.length === 0) return Promise.resolve([]);
			return sql<FollowUpProgressRow[]>`
				select p.task_id, p.at, p.status, p.note, p.actor, u.name as actor_name, p.meeting_id
				from follow_up_progress p left join users u on u.id = p.actor
				where p.task_id in ${sql(taskIds)} order by p.at, p.id`;
		},
		/** The first meeting of the council to start after `after`, other than `except`. */
		async nextMeetingStart(councilId: string, after: Date, except: string | null): Promise<Date | null> {
			const [row] = await sql<{ startsAt: Date }[]>`
				select starts_at from meeting
				where council_id = ${councilId} and starts_at > ${after}
					and (${except}::uuid is null or id <> ${except}::uuid)
				order by starts_at limit 1`;
			return row?.startsAt ?? null;
		},
		/** Open tasks owned by a member with an e-mail address, due between the two dates. */
		listDueForReminder(from: string, to: string) {
			return sql.unsafe<ReminderRow[]>(
				`select ${taskColumns}, u.email as owner_email, c.name_zh as council_name_zh,
						c.name_en as council_name_en
					from ${fromTasks} join council c on c.id = t.council_id
					where t.status in ('open', 'in-progress') and t.due_on between $1::date and $2::date
						and u.email is not null and m.revoked_at is null
						and not exists (select 1 from follow_up_reminder r where r.task_id = t.id and r.due_on = t.due_on)`,
				[from, to]
			);
		},
		/** Claims the reminder for this task and due date; false when it was already sent. */
		async claimReminder(taskId: string, dueOn: string, at: Date): Promise<boolean> {
			const rows = await sql`
				insert into follow_up_reminder (task_id, due_on, sent_at) values (${taskId}, ${dueOn}, ${at})
				on conflict do nothing returning task_id`;
			return rows.length > 0;
		}
	};
}
