import type { AgendaItemFields, AttendanceMode } from './meeting-events';

/** What people ask of a meeting. The server decides each against the current state. */
export type MeetingCommand =
	| { type: 'agenda:item-add'; itemId: string; fields: AgendaItemFields; index?: number }
	| { type: 'agenda:item-edit'; itemId: string; fields: AgendaItemFields }
	| { type: 'agenda:item-move'; itemId: string; index: number }
	| { type: 'agenda:item-remove'; itemId: string }
	| { type: 'meeting:open' }
	| { type: 'meeting:pause' }
	| { type: 'meeting:resume' }
	| { type: 'meeting:adjourn' }
	| { type: 'agenda:item-start'; itemId: string }
	| { type: 'agenda:next' }
	| { type: 'agenda:previous' }
	| { type: 'agenda:item-extend'; itemId: string; minutes: number }
	| { type: 'attendance:check-in'; memberId: string; mode: AttendanceMode }
	| { type: 'attendance:leave'; memberId: string }
	| { type: 'proxy:grant'; giverId: string; holderId: string }
	| { type: 'proxy:withdraw'; giverId: string }
	| { type: 'speaker:hand-raise'; memberId: string; pointOfOrder: boolean }
	| { type: 'speaker:hand-lower'; memberId: string }
	| { type: 'speaker:floor-give'; memberId: string }
	| { type: 'speaker:floor-end' };

export type MeetingCommandType = MeetingCommand['type'];

export const MeetingErrorCode = {
	forbidden: 'forbidden',
	invalidInput: 'invalid-input',
	meetingNotOpen: 'meeting-not-open',
	meetingAdjourned: 'meeting-adjourned',
	meetingAlreadyOpen: 'meeting-already-open',
	notPresent: 'not-present',
	proxiesNotAllowed: 'proxies-not-allowed',
	proxyLimit: 'proxy-limit',
	noSuchItem: 'no-such-item',
	noSuchMember: 'no-such-member',
	itemAlreadyStarted: 'item-already-started'
} as const;
export type MeetingErrorCode = (typeof MeetingErrorCode)[keyof typeof MeetingErrorCode];
