import type { FollowUpStatus } from '../meeting/follow-up';
import type { AgendaItemKind, RecordedFact } from '../meeting/meeting-events';
import type { QuorumStatus } from '../meeting/quorum';
import type { Role } from '../council/role';
import type { DecisionPresetId } from '../voting/decision-rule';
import type { Counts, TallyPart } from '../voting/tally';
import type { CastVia, FrozenTextRef, MotionStatus, VoteResult } from '../voting/motion';

/** What the meeting was, as scheduled; the record adds when it actually opened and closed. */
export interface MinutesHeaderInput {
	councilName: string;
	meetingTitle: string;
	/** e.g. "monthly meeting"; free text from the schedule. */
	meetingType: string | null;
	scheduledAt: string;
	location: string | null;
	onlineUrl: string | null;
	/** Defaults to whoever opened the meeting, and to the first clerk who attended. */
	chair?: string | null;
	clerk?: string | null;
}

/** A follow-up task from an earlier meeting, as it stood when this one began. */
export interface MatterArisingInput {
	taskId: string;
	title: string;
	owner: string;
	dueOn: string;
	status: FollowUpStatus;
}

export interface MinutesInput {
	meetingId: string;
	header: MinutesHeaderInput;
	facts: readonly RecordedFact[];
	/** The clerks' notes, plain text, by agenda item id. */
	notes?: Readonly<Record<string, string>>;
	mattersArising?: readonly MatterArisingInput[];
	/** Earlier meetings' minutes approved in this one (under "approval of the previous minutes"). */
	minutesApproved?: readonly MinutesApproved[];
	/** The log's hash-chain head the minutes were generated from, so readers can check them against it. */
	logHead?: { seq: number; hash: string } | null;
}

export interface MinutesApproved {
	meetingTitle: string;
	scheduledAt: string;
}

export interface MinutesPerson {
	memberId: string;
	name: string;
	role: Role;
}

export interface MinutesAttendance {
	inPerson: MinutesPerson[];
	remote: MinutesPerson[];
	/** `holderId` is absent from minutes generated before it was recorded. */
	byProxy: (MinutesPerson & { holder: string; holderId?: string })[];
	absent: MinutesPerson[];
	lateArrivals: { name: string; at: string }[];
	departures: { name: string; at: string }[];
}

export interface QuorumMoment {
	at: string;
	status: QuorumStatus;
}

export interface MinutesVote {
	secret: boolean;
	openedAt: string;
	closedAt: string | null;
	ruleId: DecisionPresetId | 'custom';
	quorumAtOpen: QuorumStatus;
	quorumAtClose: QuorumStatus | null;
	/** null while voting is still open. */
	result: VoteResult | null;
	counts: Counts | null;
	/** In hundredths, like the roster's weights; only when the rule weighs votes. */
	weights: Counts | null;
	weighted: boolean;
	byConstituency: { constituency: string; counts: Counts }[];
	/**
	 * Beside `byConstituency`, so that its rows add up to the totals: ballots of members in no
	 * constituency, and a show of hands counted as totals (which has no constituency); null if none.
	 */
	ungrouped: Counts | null;
	handTotals: Counts | null;
	/** Every test the rule applied (participation, approval; overall and per constituency). */
	parts: TallyPart[];
	thresholdMet: boolean | null;
	handCounted: boolean;
	/** Who took part. For secret votes this is all that is known of any voter. */
	turnout: string[];
	/** Open votes only: who voted what (the last ballot of each voter); `voterId` as `holderId`. */
	ballots: { voter: string; voterId?: string; choice: string; via: CastVia; castBy: string | null }[];
	election: {
		ballots: number;
		candidates: { label: string; votes: number; elected: boolean }[];
		tiedAtCut: string[];
	} | null;
}

export interface MinutesMotion {
	id: string;
	number: number;
	kind: 'main' | 'amendment';
	/** The number of the motion an amendment would change. */
	amends: number | null;
	/** The exact final text, after any adopted amendment. */
	text: string;
	document: FrozenTextRef | null;
	mover: string;
	/** Absent from minutes generated before it was recorded. */
	moverId?: string;
	seconder: string | null;
	status: MotionStatus;
	proposedAt: string;
	recusals: { name: string; reason: string }[];
	vote: MinutesVote | null;
}

export interface MinutesTask {
	taskId: string;
	title: string;
	owner: string;
	dueOn: string;
	status: FollowUpStatus;
	itemId: string | null;
	createdAt: string;
}

export interface MinutesItem {
	id: string;
	number: number;
	title: string;
	description: string;
	presenter: string | null;
	kind: AgendaItemKind;
	taken: boolean;
	startedAt: string | null;
	notes: string;
	motions: MinutesMotion[];
	tasks: MinutesTask[];
	frozenVersions: FrozenTextRef[];
}

export interface MinutesDecision {
	itemNumber: number;
	itemTitle: string;
	motionNumber: number;
	text: string;
	result: VoteResult;
	elected: string[];
}

export interface MinutesMatterArising extends MatterArisingInput {
	/** Changes recorded in this meeting, in order. */
	updates: { status: FollowUpStatus; note: string; at: string }[];
}

/** The minutes of one meeting, generated from its record: language-neutral, rendered per locale. */
export interface Minutes {
	meetingId: string;
	header: MinutesHeaderInput & { chair: string | null; clerk: string | null };
	status: 'scheduled' | 'open' | 'paused' | 'adjourned';
	openedAt: string | null;
	adjournedAt: string | null;
	attendance: MinutesAttendance;
	quorumAtOpening: QuorumStatus | null;
	quorumChanges: QuorumMoment[];
	items: MinutesItem[];
	decisions: MinutesDecision[];
	tasksCreated: MinutesTask[];
	mattersArising: MinutesMatterArising[];
	minutesApproved: MinutesApproved[];
	logHead: { seq: number; hash: string } | null;
}
