import type { FrozenTextRef, Motion } from '../voting/motion';
import type { FollowUpStatus } from './follow-up';
import type { AgendaItemFields, AttendanceMode, MeetingEventMap, MeetingRules } from './meeting-events';
import type { QuorumStatus } from './quorum';
import type { RosterEntry } from './roster';

export const MeetingStatus = {
	scheduled: 'scheduled',
	open: 'open',
	paused: 'paused',
	adjourned: 'adjourned'
} as const;
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus];

export interface AgendaItem extends AgendaItemFields {
	id: string;
	status: 'pending' | 'in-progress' | 'done';
	/** When the item (last) became current; elapsed time before that is in `elapsedMs`. */
	startedAt: string | null;
	elapsedMs: number;
	extendedMinutes: number;
}

export interface Attendance {
	memberId: string;
	present: boolean;
	mode: AttendanceMode;
	firstArrivedAt: string;
	since: string;
}

export interface SpeakerRequest {
	memberId: string;
	pointOfOrder: boolean;
	raisedAt: string;
}

export interface MeetingState {
	seq: number;
	status: MeetingStatus;
	openedAt: string | null;
	adjournedAt: string | null;
	/** While paused, the clock of the current item stands still. */
	pausedAt: string | null;
	agenda: AgendaItem[];
	currentItemId: string | null;
	roster: RosterEntry[];
	rules: MeetingRules | null;
	attendance: Record<string, Attendance>;
	/** giver → holder. A grant lapses while its giver is present. */
	proxies: Record<string, string>;
	quorum: QuorumStatus | null;
	speakers: SpeakerRequest[];
	floor: { memberId: string; since: string } | null;
	/** In the order proposed. */
	motions: Motion[];
	frozenVersions: (FrozenTextRef & { frozenAt: string })[];
	followUps: (MeetingEventMap['task:create'] & { createdAt: string })[];
	followUpUpdates: { taskId: string; status: FollowUpStatus; note: string; at: string }[];
}

export const initialMeetingState: MeetingState = {
	seq: 0,
	status: MeetingStatus.scheduled,
	openedAt: null,
	adjournedAt: null,
	pausedAt: null,
	agenda: [],
	currentItemId: null,
	roster: [],
	rules: null,
	attendance: {},
	proxies: {},
	quorum: null,
	speakers: [],
	floor: null,
	motions: [],
	frozenVersions: [],
	followUps: [],
	followUpUpdates: []
};
