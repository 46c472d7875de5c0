import type { QuorumStatus } from '../meeting/quorum';
import { DECISION_PRESETS, type DecisionPresetId, type DecisionRule } from './decision-rule';
import type { ElectionTally } from './election';
import type { Tally, VoteOption, Voter } from './tally';

/** The exact text voted on, when it is a frozen version of a proposal document. */
export interface FrozenTextRef {
	documentId: string;
	versionId: string;
	name: string;
	/** SHA-256 of the version's canonical content: what was voted on is provable. */
	sha256: string;
}

export interface Candidate {
	id: string;
	label: string;
}

/** Yes / no / abstain, or "choose up to k of n" for electing representatives. */
export type BallotForm =
	{ kind: 'yes-no-abstain' } | { kind: 'choose'; candidates: Candidate[]; choose: number };

/** An option, or the candidates picked (none picked is an abstention). */
export type Choice = VoteOption | string[];

/** How a ballot reached the record. */
export type CastVia = 'remote' | 'roll-call' | 'proxy';

export type MotionStatus = 'draft' | 'seconded' | 'voting' | 'closed' | 'withdrawn';

export type VoteResult = 'carried' | 'failed' | 'no-quorum';

/** A named ballot (open votes only); the last one per voter counts. */
export interface OpenBallot {
	voterId: string;
	castBy: string;
	via: CastVia;
	choice: Choice;
	receiptTag: string | null;
	castAt: string;
}

/** Totals counted in the room by show of hands; who was in the room to be counted is recorded. */
export interface HandCount {
	counts: Record<string, number>;
	voterIds: string[];
}

/** A secret ballot as published after close: its receipt tag and choice, never its voter. */
export interface PublishedSecretBallot {
	tag: string;
	choice: Choice;
	weightCents: number;
	constituency: string | null;
}

export interface VoteRun {
	openedAt: string;
	secret: boolean;
	allowChange: boolean;
	/**
	 * Until the close: an open vote's ballots are named, so hiding is against bandwagons, not for
	 * secrecy; other screens are sent who voted, not what (src/lib/protocol/wire-view.ts).
	 */
	hideRunningTally: boolean;
	ruleId: DecisionPresetId | 'custom';
	rule: DecisionRule;
	/** Every voting member when voting opened; `present` ones (here or represented) may vote. */
	voters: Voter[];
	quorumAtOpen: QuorumStatus;
	/** Who has voted, and how; for secret votes this is all the record knows until close. */
	turnout: Record<string, { castBy: string; via: CastVia }>;
	ballots: Record<string, OpenBallot>;
	handCount: HandCount | null;
}

const votersByMember = new WeakMap<readonly Voter[], ReadonlyMap<string, Voter>>();

/**
 * The voter with this member id. The voters are fixed when the vote opens, so each vote's list is
 * indexed once: a vote of thousands would otherwise search it once per ballot.
 */
export function voterIn(vote: Pick<VoteRun, 'voters'>, memberId: string): Voter | undefined {
	let index = votersByMember.get(vote.voters);
	if (!index) {
		index = new Map(vote.voters.map((v) => [v.memberId, v]));
		votersByMember.set(vote.voters, index);
	}
	return index.get(memberId);
}

export interface VoteOutcome {
	result: VoteResult;
	closedAt: string;
	quorumAtClose: QuorumStatus;
	tally: Tally | null;
	election: ElectionTally | null;
	/** Secret votes: every ballot by receipt tag, sorted by tag, so anyone can recompute the tally. */
	receipts: PublishedSecretBallot[];
}

export interface Motion {
	id: string;
	itemId: string;
	kind: 'main' | 'amendment';
	/** For an amendment: the motion it would change; it is voted before that motion. */
	amends: string | null;
	/** For an amendment of a proposal document: adopting it applies that change and freezes a new version. */
	documentAmendmentId: string | null;
	text: string;
	document: FrozenTextRef | null;
	form: BallotForm;
	moverId: string;
	seconderId: string | null;
	status: MotionStatus;
	proposedAt: string;
	recusals: Record<string, string>;
	vote: VoteRun | null;
	outcome: VoteOutcome | null;
}

/** How a council votes unless the moderator adjusts it for one motion. */
export interface VotingRules {
	preset: DecisionPresetId | 'custom';
	rule: DecisionRule;
	requireSecond: boolean;
	allowChange: boolean;
	secretByDefault: boolean;
}

export const DEFAULT_VOTING_RULES: VotingRules = {
	preset: 'robert-majority',
	rule: DECISION_PRESETS['robert-majority'],
	requireSecond: false,
	allowChange: true,
	secretByDefault: false
};

export const isOpenMotion = (m: Motion) => m.status === 'draft' || m.status === 'seconded';
