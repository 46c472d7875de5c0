import type { FollowUpStatus } from '$lib/domain/meeting/follow-up';
import type { TaskCardTask } from '$lib/components/follow-up/TaskCard.svelte';

export interface RoomFollowUp {
	mattersArising: (TaskCardTask & { ownerMemberId: string | null })[];
	choices: {
		people: { id: string; name: string }[];
		organisations: string[];
		defaultDueOn: string;
		nextMeetingOn: string | null;
	};
}

const loaded = new Map<string, Promise<RoomFollowUp | null>>();

/**
 * Matters arising and the new-task choices, fetched once per meeting page: changes made during the
 * meeting arrive as facts in its log and are laid over this by the panels.
 */
export function fetchRoomFollowUp(councilId: string, meetingId: string): Promise<RoomFollowUp | null> {
	let p = loaded.get(meetingId);
	if (!p) {
		p = fetch(`/councils/${councilId}/meetings/${meetingId}/follow-up`)
			.then((r) => (r.ok ? (r.json() as Promise<RoomFollowUp>) : null))
			.catch(() => null);
		loaded.set(meetingId, p);
		void p.then((v) => v ?? loaded.delete(meetingId));
	}
	return p;
}

/** The latest status recorded in this meeting for a task, if any. */
export function statusInMeeting(
	updates: readonly { taskId: string; status: FollowUpStatus }[],
	taskId: string
): FollowUpStatus | null {
	for (let i = updates.length - 1; i >= 0; i--) if (updates[i]!.taskId === taskId) return updates[i]!.status;
	return null;
}
