import type { QuorumRule, QuorumStatus } from './quorum';
import type { RosterEntry } from './roster';

export const AgendaItemKind = {
	information: 'information',
	discussion: 'discussion',
	decision: 'decision'
} as const;
export type AgendaItemKind = (typeof AgendaItemKind)[keyof typeof AgendaItemKind];

export interface AgendaItemFields {
	title: string;
	description: string;
	presenter: string | null;
	plannedMinutes: number;
	kind: AgendaItemKind;
	documentId: string | null;
}

export const AttendanceMode = { remote: 'remote', inPerson: 'in-person' } as const;
export type AttendanceMode = (typeof AttendanceMode)[keyof typeof AttendanceMode];

export interface MeetingRules {
	quorum: QuorumRule;
	proxies: { allowed: boolean; maxPerHolder: number };
}

/** Every fact a meeting's record can hold, by type (noun:verb). Payloads only; seq, actor and time wrap them. */
export interface MeetingEventMap {
	'agenda:item-add': { itemId: string; fields: AgendaItemFields; index: number };
	'agenda:item-edit': { itemId: string; fields: AgendaItemFields };
	'agenda:item-move': { itemId: string; index: number };
	'agenda:item-remove': { itemId: string };
	'meeting:open': { roster: RosterEntry[]; rules: MeetingRules };
	'meeting:pause': Record<string, never>;
	'meeting:resume': Record<string, never>;
	'meeting:adjourn': Record<string, never>;
	'agenda:item-start': { itemId: string };
	'agenda:item-extend': { itemId: string; minutes: number };
	'attendance:check-in': { memberId: string; mode: AttendanceMode };
	'attendance:leave': { memberId: string };
	'proxy:grant': { giverId: string; holderId: string };
	'proxy:withdraw': { giverId: string };
	'quorum:reached': { status: QuorumStatus };
	'quorum:lost': { status: QuorumStatus };
	'speaker:hand-raise': { memberId: string; pointOfOrder: boolean };
	'speaker:hand-lower': { memberId: string };
	'speaker:floor-give': { memberId: string };
	'speaker:floor-end': { memberId: string };
}

export type MeetingEventType = keyof MeetingEventMap;

export type MeetingFact = {
	[K in MeetingEventType]: { type: K; payload: MeetingEventMap[K] };
}[MeetingEventType];

/** A fact as stored: with its position in the log, who caused it and when. */
export type RecordedFact = MeetingFact & { seq: number; actorId: string | null; occurredAt: string };
