import type { DecisionPresetId, DecisionRule } from '../voting/decision-rule';
import type { Voter } from '../voting/tally';
import type {
	BallotForm,
	CastVia,
	Choice,
	FrozenTextRef,
	HandCount,
	VoteOutcome,
	VotingRules
} from '../voting/motion';
import type { FollowUpStatus } from './follow-up';
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
	voting: VotingRules;
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
	'motion:propose': {
		motionId: string;
		itemId: string;
		kind: 'main' | 'amendment';
		amends: string | null;
		text: string;
		document: FrozenTextRef | null;
		form: BallotForm;
		moverId: string;
		/** For an amendment: the suggested change to the proposal document it puts to the vote. */
		documentAmendmentId?: string | null;
	};
	'motion:second': { motionId: string; seconderId: string };
	'motion:withdraw': { motionId: string };
	/** The main motion now stands on the text an adopted amendment produced. */
	'motion:rebind': { motionId: string; text: string; document: FrozenTextRef | null };
	'motion:recuse': { motionId: string; memberId: string; reason: string };
	'vote:open': {
		motionId: string;
		secret: boolean;
		allowChange: boolean;
		hideRunningTally: boolean;
		ruleId: DecisionPresetId | 'custom';
		rule: DecisionRule;
		voters: Voter[];
		quorum: QuorumStatus;
	};
	/** A named ballot (open votes). */
	'ballot:cast': {
		motionId: string;
		voterId: string;
		castBy: string;
		via: CastVia;
		choice: Choice;
		receiptTag: string | null;
	};
	/** That someone voted in a secret vote; the choice is only in the ballot box, without the voter. */
	'ballot:turnout': { motionId: string; voterId: string; castBy: string; via: CastVia };
	'ballot:hand-count': { motionId: string } & HandCount;
	'vote:close': { motionId: string } & Omit<VoteOutcome, 'closedAt'>;
	'document:version-frozen': FrozenTextRef;
	'task:create': {
		taskId: string;
		title: string;
		ownerMemberId: string | null;
		ownerOrganisation: string | null;
		/** A calendar date, YYYY-MM-DD, in the council's time zone. */
		dueOn: string;
		itemId: string | null;
		motionId: string | null;
	};
	'task:update': { taskId: string; status: FollowUpStatus; note: string };
}

export type MeetingEventType = keyof MeetingEventMap;

export type MeetingFact = {
	[K in MeetingEventType]: { type: K; payload: MeetingEventMap[K] };
}[MeetingEventType];

/** A fact as stored: with its position in the log, who caused it and when. */
export type RecordedFact = MeetingFact & { seq: number; actorId: string | null; occurredAt: string };
