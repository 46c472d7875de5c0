import type { DecisionPresetId, DecisionRule } from '../voting/decision-rule';
import type { BallotForm, Choice, FrozenTextRef } from '../voting/motion';
import type { FollowUpStatus } from './follow-up';
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
	| { type: 'speaker:floor-end' }
	| {
			type: 'motion:propose';
			motionId: string;
			itemId: string;
			text: string;
			document?: FrozenTextRef | null;
			form?: BallotForm;
			/** Defaults to the proposer; the moderator or clerk may enter a motion moved in the room. */
			moverId?: string;
			amends?: string | null;
			documentAmendmentId?: string | null;
	  }
	| { type: 'motion:second'; motionId: string; seconderId?: string }
	| { type: 'motion:withdraw'; motionId: string }
	| { type: 'motion:rebind'; motionId: string; text: string; document: FrozenTextRef | null }
	| { type: 'motion:recuse'; motionId: string; memberId: string; reason: string }
	| {
			type: 'vote:open';
			motionId: string;
			secret?: boolean;
			ruleId?: DecisionPresetId | 'custom';
			rule?: DecisionRule;
			allowChange?: boolean;
			hideRunningTally?: boolean;
	  }
	| {
			type: 'ballot:cast';
			motionId: string;
			/** Defaults to the sender; a proxy holder names the giver; the moderator enters roll calls. */
			voterId?: string;
			choice: Choice;
			/** The voter's own receipt code (chosen by their device); in secret votes, also the key to change it. */
			receipt?: string;
	  }
	| { type: 'ballot:hand-count'; motionId: string; counts: Record<string, number> }
	| { type: 'vote:close'; motionId: string }
	| { type: 'document:version-frozen'; version: FrozenTextRef }
	| {
			type: 'task:create';
			taskId: string;
			title: string;
			ownerMemberId: string | null;
			ownerOrganisation: string | null;
			dueOn: string;
			itemId: string | null;
			motionId: string | null;
	  }
	| { type: 'task:update'; taskId: string; status: FollowUpStatus; note: string };

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
	itemAlreadyStarted: 'item-already-started',
	noSuchMotion: 'no-such-motion',
	motionNotOpen: 'motion-not-open',
	secondRequired: 'second-required',
	amendmentPending: 'amendment-pending',
	noQuorum: 'no-quorum',
	voteNotOpen: 'vote-not-open',
	voteClosed: 'vote-closed',
	notEligible: 'not-eligible',
	recused: 'recused',
	alreadyVoted: 'already-voted',
	proxyLapsed: 'proxy-lapsed',
	countedByHand: 'counted-by-hand',
	handCountNeedsRollCall: 'hand-count-needs-roll-call',
	invalidChoice: 'invalid-choice',
	unknownReceipt: 'unknown-receipt',
	voteAlreadyOpen: 'vote-already-open'
} as const;
export type MeetingErrorCode = (typeof MeetingErrorCode)[keyof typeof MeetingErrorCode];
