import type { MeetingEventMap } from '../meeting/meeting-events';
import type { MeetingState } from '../meeting/meeting-state';
import { attendanceRecord } from './attendance-record';
import { foldRecord } from './fold-record';
import type {
	MatterArisingInput,
	Minutes,
	MinutesDecision,
	MinutesInput,
	MinutesItem,
	MinutesMatterArising,
	MinutesMotion,
	MinutesTask
} from './minutes';
import { motionRecord, nameLookup } from './motion-record';

/**
 * The minutes a meeting's record implies: what was done, never what was said (no speakers, no
 * transcript). A pure function of the facts, so the draft can be regenerated at any moment and
 * two readers of the same log always get the same minutes.
 */
export function generateMinutes(input: MinutesInput): Minutes {
	const state = foldRecord(input.facts);
	const name = nameLookup(state.roster);
	const { attendance, quorumAtOpening, quorumChanges } = attendanceRecord(input.facts, state.roster);

	const numbers = new Map(state.motions.map((m, i) => [m.id, i + 1]));
	const motions = state.motions.map((m, i) => motionRecord(m, i + 1, numbers, name));
	const tasks = tasksCreated(state, name);
	const firstStarted = firstStarts(input);

	const items: MinutesItem[] = state.agenda.map((item, i) => ({
		id: item.id,
		number: i + 1,
		title: item.title,
		description: item.description,
		presenter: item.presenter,
		kind: item.kind,
		taken: item.status !== 'pending',
		startedAt: firstStarted.get(item.id) ?? null,
		notes: (input.notes?.[item.id] ?? '').trim(),
		motions: motions.filter((m) => state.motions[m.number - 1]!.itemId === item.id),
		tasks: tasks.filter((t) => t.itemId === item.id),
		frozenVersions: []
	}));
	const itemOf = new Map(items.map((i) => [i.id, i]));
	for (const m of state.motions) {
		if (m.document) itemOf.get(m.itemId)?.frozenVersions.push(m.document);
	}

	return {
		meetingId: input.meetingId,
		header: {
			...input.header,
			chair: input.header.chair ?? chairOf(input, state),
			clerk: input.header.clerk ?? clerkOf(state, attendance.inPerson.concat(attendance.remote))
		},
		status: state.status,
		openedAt: state.openedAt,
		adjournedAt: state.adjournedAt,
		attendance,
		quorumAtOpening,
		quorumChanges,
		items,
		decisions: decisions(motions, items, state),
		tasksCreated: tasks,
		mattersArising: mattersArising(input.mattersArising ?? [], state.followUpUpdates),
		minutesApproved: [...(input.minutesApproved ?? [])].sort((a, b) =>
			a.scheduledAt.localeCompare(b.scheduledAt)
		),
		logHead: input.logHead ?? null
	};
}

function firstStarts(input: MinutesInput): Map<string, string> {
	const out = new Map<string, string>();
	for (const f of input.facts) {
		if (f.type === 'agenda:item-start' && !out.has(f.payload.itemId)) out.set(f.payload.itemId, f.occurredAt);
	}
	return out;
}

function chairOf(input: MinutesInput, state: MeetingState): string | null {
	const opened = input.facts.find((f) => f.type === 'meeting:open');
	const byUser = state.roster.find((r) => r.userId === opened?.actorId);
	return byUser?.name ?? state.roster.find((r) => r.role === 'moderator')?.name ?? null;
}

function clerkOf(state: MeetingState, attended: readonly { memberId: string }[]): string | null {
	const here = new Set(attended.map((p) => p.memberId));
	const clerks = state.roster.filter((r) => r.role === 'clerk');
	return (clerks.find((r) => here.has(r.memberId)) ?? clerks[0])?.name ?? null;
}

function latestStatus(
	updates: MeetingState['followUpUpdates']
): Map<string, MeetingEventMap['task:update']['status']> {
	return new Map(updates.map((u) => [u.taskId, u.status]));
}

function tasksCreated(state: MeetingState, name: (id: string) => string): MinutesTask[] {
	const status = latestStatus(state.followUpUpdates);
	return state.followUps.map((t) => ({
		taskId: t.taskId,
		title: t.title,
		owner: t.ownerMemberId ? name(t.ownerMemberId) : (t.ownerOrganisation ?? ''),
		dueOn: t.dueOn,
		status: status.get(t.taskId) ?? 'open',
		itemId: t.itemId,
		createdAt: t.createdAt
	}));
}

/** Tasks brought back from earlier meetings, with what this meeting recorded about each. */
function mattersArising(
	tasks: readonly MatterArisingInput[],
	updates: MeetingState['followUpUpdates']
): MinutesMatterArising[] {
	return tasks.map((t) => {
		const mine = updates.filter((u) => u.taskId === t.taskId);
		return {
			...t,
			status: mine.at(-1)?.status ?? t.status,
			updates: mine.map((u) => ({ status: u.status, note: u.note, at: u.at }))
		};
	});
}

/** What the meeting resolved: every closed main motion and election, in the order decided. */
function decisions(
	motions: readonly MinutesMotion[],
	items: readonly MinutesItem[],
	state: MeetingState
): MinutesDecision[] {
	const itemOf = new Map(items.map((i) => [i.id, i]));
	return motions
		.filter((m) => m.kind === 'main' && m.vote?.result)
		.sort((a, b) => (a.vote!.closedAt! < b.vote!.closedAt! ? -1 : 1))
		.map((m) => {
			const item = itemOf.get(state.motions[m.number - 1]!.itemId);
			return {
				itemNumber: item?.number ?? 0,
				itemTitle: item?.title ?? '',
				motionNumber: m.number,
				text: m.text,
				result: m.vote!.result!,
				elected: m.vote!.election?.candidates.filter((c) => c.elected).map((c) => c.label) ?? []
			};
		});
}
