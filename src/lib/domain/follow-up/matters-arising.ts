import { FollowUpStatus, isSettled } from '../meeting/follow-up';

export interface TaskOrigin {
	createdAt: Date;
	/** The meeting the task was created in, if any. */
	createdInMeeting: string | null;
}

export interface ProgressEntry {
	at: Date;
	status: FollowUpStatus;
	/** The meeting the change was recorded in, or null for a change between meetings. */
	meetingId: string | null;
}

export interface MeetingWhen {
	id: string;
	startsAt: Date;
}

/**
 * The status a task had as a meeting began: its last change before the meeting's start, leaving
 * out changes recorded in that meeting itself (a meeting opened early records them before its
 * scheduled start, yet they belong to it).
 */
export function statusAtStartOf(meeting: MeetingWhen, history: readonly ProgressEntry[]): FollowUpStatus {
	let status: FollowUpStatus = FollowUpStatus.open;
	let latest = -Infinity;
	for (const entry of history) {
		const at = entry.at.getTime();
		if (entry.meetingId === meeting.id || at >= meeting.startsAt.getTime() || at < latest) continue;
		latest = at;
		status = entry.status;
	}
	return status;
}

/**
 * A task comes back as a matter arising at a meeting when it was created before that meeting (not
 * in it) and was still open or in progress as the meeting began. So a task closed during the
 * meeting stays on that meeting's list, where its minutes report the closing, and is gone from the
 * next one; and an older meeting's list is the same whenever it is looked at.
 */
export function isMatterArising(o: {
	task: TaskOrigin;
	history: readonly ProgressEntry[];
	meeting: MeetingWhen;
}): boolean {
	const { task, meeting } = o;
	if (task.createdInMeeting === meeting.id) return false;
	if (task.createdAt.getTime() >= meeting.startsAt.getTime()) return false;
	return !isSettled(statusAtStartOf(meeting, o.history));
}
