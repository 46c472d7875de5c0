import { CHINA_STANDARD_TIME } from '../../domain/calendar/wall-clock';
import { can, CouncilAction } from '../../domain/council/permission';
import type { FollowUpStatus } from '../../domain/meeting/follow-up';
import { defaultDueOn } from '../../domain/follow-up/due-date';
import { wallDate } from '../../domain/follow-up/calendar-date';
import { isMatterArising, statusAtStartOf } from '../../domain/follow-up/matters-arising';
import { isOverdue } from '../../domain/follow-up/overdue';
import { fail, ok, type Result } from '../../domain/result';
import type { NewTaskInput, TaskProgressInput } from '../../protocol/follow-up.schema';
import type { ErrorCode } from '../../protocol/errors';
import type { Sql } from '../db/database';
import { councilRepository } from '../repositories/council.repository';
import {
	followUpRepository,
	type FollowUpProgressRow,
	type FollowUpTaskRow
} from '../repositories/follow-up.repository';
import { meetingRepository, type MeetingRow } from '../repositories/meeting.repository';
import { memberRepository } from '../repositories/member.repository';
import { authorise, councilAccess } from './council-access';
import type { ServiceDeps } from './deps';
import { transaction } from '../db/transaction';

/** Every council here keeps China's wall clock (see wall-clock.ts). */
const ZONE = CHINA_STANDARD_TIME;

export interface TaskView extends FollowUpTaskRow {
	overdue: boolean;
	history: FollowUpProgressRow[];
}

/** The shape of the minutes' MatterArisingInput (src/lib/domain/minutes/minutes.ts). */
export interface MatterArisingForMinutes {
	taskId: string;
	title: string;
	owner: string;
	dueOn: string;
	status: FollowUpStatus;
}

export interface TaskFormChoices {
	people: { id: string; name: string }[];
	organisations: string[];
	defaultDueOn: string;
	/** The next meeting's date the suggestion is the day before; null when none is scheduled. */
	nextMeetingOn: string | null;
}

export interface MyTaskView extends TaskView {
	councilNameZh: string;
	councilNameEn: string;
}

export function followUpService(deps: ServiceDeps) {
	const { sql } = deps;
	const tasks = followUpRepository(sql);

	async function withHistory(rows: FollowUpTaskRow[]): Promise<TaskView[]> {
		const history = await tasks.historyOf(rows.map((r) => r.id));
		const now = deps.now();
		return rows.map((r) => ({
			...r,
			overdue: isOverdue(r, now, ZONE),
			history: history.filter((h) => h.taskId === r.id)
		}));
	}

	async function mattersArisingAt(meeting: MeetingRow): Promise<TaskView[]> {
		const candidates = await withHistory(await tasks.listCreatedBefore(meeting.councilId, meeting.startsAt));
		return candidates.filter((t) => isMatterArising({ task: t, history: t.history, meeting }));
	}

	/**
	 * The due date a new task gets unless the clerk picks another (the day before the next meeting),
	 * and that meeting's date, so the form can say what the suggestion rests on.
	 */
	async function dueSuggestion(
		councilId: string,
		meetingId: string | null
	): Promise<{ dueOn: string; nextMeetingOn: string | null }> {
		const now = deps.now();
		const current = meetingId ? await meetingRepository(sql).findById(meetingId) : null;
		const after = current && current.startsAt > now ? current.startsAt : now;
		const next = await tasks.nextMeetingStart(councilId, after, meetingId);
		return {
			dueOn: defaultDueOn({ now, nextMeetingStartsAt: next, utcOffsetMinutes: ZONE }),
			nextMeetingOn: next && wallDate(next, ZONE)
		};
	}

	const dueDateFor = async (councilId: string, meetingId: string | null) =>
		(await dueSuggestion(councilId, meetingId)).dueOn;

	/** The task's owner, or a representative of the organisation that owns it, reports between meetings. */
	async function mayUpdate(tx: Sql, userId: string, task: FollowUpTaskRow): Promise<boolean> {
		const access = await councilAccess(tx, userId, task.councilId);
		if (!access.member || access.role === null) return false;
		if (can({ role: access.role }, CouncilAction.takeMinutes)) return true;
		if (task.ownerMemberId !== null) return task.ownerMemberId === access.member.id;
		return task.ownerOrganisation !== null && task.ownerOrganisation === access.member.organisation;
	}

	return {
		dueDateFor,

		/** What a form for a new task offers: the council's members and organisations, and the suggested date. */
		async taskFormChoices(
			userId: string,
			councilId: string,
			meetingId: string | null
		): Promise<Result<TaskFormChoices, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			const members = (await memberRepository(sql).listByCouncil(councilId)).filter((m) => !m.revokedAt);
			const organisations = [...new Set(members.flatMap((m) => (m.organisation ? [m.organisation] : [])))];
			const due = await dueSuggestion(councilId, meetingId);
			return ok({
				people: members.map((m) => ({ id: m.id, name: m.name })),
				organisations: organisations.sort(),
				defaultDueOn: due.dueOn,
				nextMeetingOn: due.nextMeetingOn
			});
		},

		/** Whether this person may report on the task (its owner, or a moderator or clerk). */
		async mayUpdate(userId: string, task: FollowUpTaskRow): Promise<boolean> {
			return mayUpdate(sql, userId, task);
		},

		/** The moderator or clerk records a task between meetings (in a meeting it is a `task:create` fact). */
		async create(
			userId: string,
			councilId: string,
			input: NewTaskInput
		): Promise<Result<{ taskId: string }, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.takeMinutes);
			if (!access.ok) return access;
			if (input.ownerMemberId) {
				const owner = await memberRepository(sql).findById(input.ownerMemberId);
				if (!owner || owner.councilId !== councilId || owner.revokedAt)
					return fail('invalid-input', 'The owner is not a member of this council.');
			}
			const taskId = crypto.randomUUID();
			await tasks.insertTask({
				id: taskId,
				councilId,
				title: input.title,
				ownerMemberId: input.ownerMemberId,
				ownerOrganisation: input.ownerOrganisation,
				dueOn: input.dueOn ?? (await dueDateFor(councilId, null)),
				createdInMeeting: null,
				itemId: null,
				motionId: null,
				createdBy: userId,
				createdAt: deps.now()
			});
			return ok({ taskId });
		},

		/** A status change or progress note between meetings (in a meeting it is a `task:update` fact). */
		async update(userId: string, input: TaskProgressInput): Promise<Result<null, ErrorCode>> {
			return transaction(sql, async (tx) => {
				const task = await followUpRepository(tx).findTask(input.taskId);
				const access = task ? await councilAccess(tx, userId, task.councilId) : null;
				if (!task || !access?.role) return fail('not-found', 'No such task.');
				if (!(await mayUpdate(tx, userId, task)))
					return fail('forbidden', 'Only the owner, the moderator or the clerk updates this task.');
				await followUpRepository(tx).addProgress({
					taskId: task.id,
					at: deps.now(),
					status: input.status,
					note: input.note,
					actor: userId,
					meetingId: null,
					meetingSeq: null
				});
				return ok(null);
			});
		},

		async listForCouncil(userId: string, councilId: string): Promise<Result<TaskView[], ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			return ok(await withHistory(await tasks.listByCouncil(councilId)));
		},

		/** Tasks this person owns across their councils, unsettled first, soonest due first. */
		async mine(userId: string): Promise<MyTaskView[]> {
			const [rows, councils] = await Promise.all([
				tasks.listOwnedBy(userId),
				councilRepository(sql).listForUser(userId)
			]);
			const names = new Map(councils.map((c) => [c.id, c]));
			return (await withHistory(rows)).map((t) => ({
				...t,
				councilNameZh: names.get(t.councilId)?.nameZh ?? '',
				councilNameEn: names.get(t.councilId)?.nameEn ?? ''
			}));
		},

		/** Matters arising at a meeting, for someone who may follow it. */
		async mattersArising(userId: string, meetingId: string): Promise<Result<TaskView[], ErrorCode>> {
			const meeting = await meetingRepository(sql).findById(meetingId);
			if (!meeting) return fail('not-found', 'No such meeting.');
			const access = await authorise(sql, userId, meeting.councilId, CouncilAction.view);
			if (!access.ok) return access;
			return ok(await mattersArisingAt(meeting));
		},

		/** Matters arising at a meeting with their history, for the minutes (no actor: callers authorise). */
		async mattersArisingOf(meetingId: string): Promise<TaskView[]> {
			const meeting = await meetingRepository(sql).findById(meetingId);
			return meeting ? mattersArisingAt(meeting) : [];
		},

		/**
		 * Matters arising as the minutes take them: each with the status it had as the meeting began
		 * (the minutes lay the meeting's own `task:update` facts over it), whatever happened since.
		 */
		async mattersArisingForMinutes(meetingId: string): Promise<MatterArisingForMinutes[]> {
			const meeting = await meetingRepository(sql).findById(meetingId);
			if (!meeting) return [];
			return (await mattersArisingAt(meeting)).map((t) => ({
				taskId: t.id,
				title: t.title,
				owner: t.ownerName ?? t.ownerOrganisation ?? '',
				dueOn: t.dueOn,
				status: statusAtStartOf(meeting, t.history)
			}));
		}
	};
}
