import { can, CouncilAction } from '../council/permission';
import { isVotingRole } from '../council/role';
import type { MeetingCommand, MeetingErrorCode } from '../meeting/meeting-command';
import type { MeetingFact, MeetingRules } from '../meeting/meeting-events';
import { MeetingStatus, type MeetingState } from '../meeting/meeting-state';
import { currentQuorum, presentMembers, representedMembers } from '../meeting/presence';
import type { RosterEntry } from '../meeting/roster';
import { fail, ok, type Result } from '../result';
import { DECISION_PRESETS } from './decision-rule';
import { tallyElection } from './election';
import {
	isOpenMotion,
	type BallotForm,
	type Choice,
	type Motion,
	type PublishedSecretBallot,
	type VoteResult,
	voterIn
} from './motion';
import { tallyBallots, type CountedBallot } from './tally';

type Decision = Result<MeetingFact[], MeetingErrorCode>;

export type MotionCommand = Extract<
	MeetingCommand,
	{ type: `motion:${string}` | `vote:${string}` | `ballot:${string}` }
>;

export interface MotionContext {
	actor: { memberId: string; role: RosterEntry['role'] };
	rules: MeetingRules;
	/** SHA-256 of the receipt code the voter's device sent, if any (hashed at the edge). */
	receiptTag: string | null;
	/** Secret votes: whether that receipt is already in the ballot box (a change of ballot). */
	receiptInBox: boolean;
	/** Secret votes, at close: the ballot box, which knows choices but not voters. */
	secretBox: readonly PublishedSecretBallot[];
}

const ok1 = (...facts: MeetingFact[]): Decision => ok(facts);

export function decideMotion(state: MeetingState, c: MotionCommand, ctx: MotionContext): Decision {
	const { actor } = ctx;
	const may = (action: CouncilAction) => can({ role: actor.role }, action);
	if (state.status !== MeetingStatus.open && state.status !== MeetingStatus.paused) {
		return fail('meeting-not-open', 'Motions and votes happen while the meeting is open.');
	}
	const motion = state.motions.find((m) => m.id === c.motionId);
	if (c.type === 'motion:propose') return propose(state, c, ctx, motion);
	if (!motion) return fail('no-such-motion', 'No such motion.');
	switch (c.type) {
		case 'motion:second': {
			const seconderId = c.seconderId ?? actor.memberId;
			if (seconderId !== actor.memberId && !may(CouncilAction.checkIn))
				return fail('forbidden', 'Second a motion yourself.');
			if (!votingMember(state, seconderId)) return fail('not-eligible', 'Only a voting member seconds.');
			if (seconderId === motion.moverId)
				return fail('invalid-input', 'The mover cannot second their own motion.');
			if (motion.status === 'seconded') return ok([]);
			if (motion.status !== 'draft') return fail('motion-not-open', 'This motion is past seconding.');
			return ok1({ type: c.type, payload: { motionId: motion.id, seconderId } });
		}
		case 'motion:withdraw':
			if (motion.moverId !== actor.memberId && !may(CouncilAction.runMeeting))
				return fail('forbidden', 'Only the mover or the moderator withdraws a motion.');
			if (!isOpenMotion(motion))
				return fail('motion-not-open', 'Only a motion not yet voted on is withdrawn.');
			return ok1({ type: c.type, payload: { motionId: motion.id } });
		case 'motion:rebind':
			if (!may(CouncilAction.scheduleMeeting))
				return fail('forbidden', 'The moderator or clerk restates a motion.');
			if (!isOpenMotion(motion)) return fail('motion-not-open', 'A motion being voted on keeps its text.');
			return ok1({ type: c.type, payload: { motionId: motion.id, text: c.text, document: c.document } });
		case 'motion:recuse': {
			if (c.memberId !== actor.memberId && !may(CouncilAction.runMeeting))
				return fail('forbidden', 'Members recuse themselves; the moderator may record it.');
			if (!votingMember(state, c.memberId)) return fail('no-such-member', 'Not a voting member.');
			if (motion.status === 'closed' || motion.status === 'withdrawn')
				return fail('motion-not-open', 'This motion is no longer before the meeting.');
			if (motion.vote?.turnout[c.memberId]) return fail('already-voted', 'Recuse before voting.');
			if (motion.recusals[c.memberId] !== undefined) return ok([]);
			return ok1({ type: c.type, payload: { motionId: motion.id, memberId: c.memberId, reason: c.reason } });
		}
		case 'vote:open':
			return openVote(state, c, ctx, motion);
		case 'ballot:cast':
			return castBallot(state, c, ctx, motion);
		case 'ballot:hand-count':
			return handCount(state, c, ctx, motion);
		case 'vote:close':
			return closeVote(state, ctx, motion);
	}
}

function propose(
	state: MeetingState,
	c: Extract<MotionCommand, { type: 'motion:propose' }>,
	ctx: MotionContext,
	existing: Motion | undefined
): Decision {
	const { actor } = ctx;
	if (existing) return fail('invalid-input', 'A motion with this id exists.');
	if (!state.agenda.some((i) => i.id === c.itemId)) return fail('no-such-item', 'No such agenda item.');
	const moverId = c.moverId ?? actor.memberId;
	if (moverId !== actor.memberId && !can({ role: actor.role }, CouncilAction.checkIn))
		return fail(
			'forbidden',
			'Move a motion yourself; the moderator or clerk records motions made in the room.'
		);
	if (!votingMember(state, moverId)) return fail('not-eligible', 'Only a voting member moves a motion.');
	const amends = c.amends ?? null;
	if (amends) {
		const target = state.motions.find((m) => m.id === amends);
		if (!target || target.kind !== 'main')
			return fail('no-such-motion', 'An amendment changes a main motion.');
		if (!isOpenMotion(target)) return fail('motion-not-open', 'That motion is already being voted on.');
	}
	const form = c.form ?? { kind: 'yes-no-abstain' };
	const formProblem = checkForm(form);
	if (formProblem) return fail('invalid-input', formProblem);
	if (!c.text.trim() && !c.document)
		return fail('invalid-input', 'A motion needs its text or a frozen version.');
	return ok1({
		type: 'motion:propose',
		payload: {
			motionId: c.motionId,
			itemId: c.itemId,
			kind: amends ? 'amendment' : 'main',
			amends,
			text: c.text,
			document: c.document ?? null,
			form,
			moverId,
			documentAmendmentId: amends ? (c.documentAmendmentId ?? null) : null
		}
	});
}

function openVote(
	state: MeetingState,
	c: Extract<MotionCommand, { type: 'vote:open' }>,
	ctx: MotionContext,
	motion: Motion
): Decision {
	if (!can({ role: ctx.actor.role }, CouncilAction.runMeeting))
		return fail('forbidden', 'The moderator opens voting.');
	if (state.status !== MeetingStatus.open) return fail('meeting-not-open', 'Resume the meeting first.');
	if (!isOpenMotion(motion)) return fail('motion-not-open', 'This motion is not waiting for a vote.');
	const { voting } = ctx.rules;
	if (voting.requireSecond && motion.status !== 'seconded')
		return fail('second-required', 'This council votes only on seconded motions.');
	if (state.motions.some((m) => m.status === 'voting'))
		return fail('vote-already-open', 'Another vote is open; close it first.');
	if (state.motions.some((m) => m.amends === motion.id && (isOpenMotion(m) || m.status === 'voting')))
		return fail('amendment-pending', 'Vote on the amendments to this motion first.');
	const quorum = currentQuorum(state);
	if (!quorum?.met) return fail('no-quorum', 'There is no quorum, so a vote cannot open.');
	const ruleId = c.rule ? 'custom' : (c.ruleId ?? voting.preset);
	const rule = c.rule ?? (ruleId === 'custom' ? voting.rule : DECISION_PRESETS[ruleId]);
	const present = presentMembers(state);
	const represented = representedMembers(state);
	const voters = state.roster
		.filter((r) => isVotingRole(r.role))
		.map((r) => ({
			memberId: r.memberId,
			weightCents: r.weightCents,
			constituency: r.constituency,
			present: present.has(r.memberId) || represented.has(r.memberId)
		}));
	const secret = c.secret ?? voting.secretByDefault;
	return ok1({
		type: 'vote:open',
		payload: {
			motionId: motion.id,
			secret,
			allowChange: c.allowChange ?? voting.allowChange,
			hideRunningTally: secret || (c.hideRunningTally ?? false),
			ruleId,
			rule,
			voters,
			quorum
		}
	});
}

function castBallot(
	state: MeetingState,
	c: Extract<MotionCommand, { type: 'ballot:cast' }>,
	ctx: MotionContext,
	motion: Motion
): Decision {
	const { actor } = ctx;
	if (motion.status === 'closed') return fail('vote-closed', 'Voting on this motion has closed.');
	const vote = motion.vote;
	if (motion.status !== 'voting' || !vote)
		return fail('vote-not-open', 'Voting on this motion has not opened.');
	const voterId = c.voterId ?? actor.memberId;
	const voter = voterIn(vote, voterId);
	if (!voter?.present)
		return fail('not-eligible', 'Only members present or represented when voting opened may vote.');
	if (motion.recusals[voterId] !== undefined) return fail('recused', 'This member has recused themselves.');
	const choiceProblem = checkChoice(motion.form, c.choice);
	if (choiceProblem) return fail('invalid-choice', choiceProblem);
	if (vote.handCount?.voterIds.includes(voterId))
		return fail('counted-by-hand', 'This member was counted by show of hands.');
	const prior = vote.turnout[voterId];
	let via: 'remote' | 'proxy' | 'roll-call';
	if (voterId === actor.memberId) {
		if (!can({ role: actor.role }, CouncilAction.castBallot))
			return fail('forbidden', 'Your role does not vote.');
		via = 'remote';
		// Voting in person ends the proxy: an open ballot by the holder is replaced; a secret one cannot be found.
		if (prior && prior.castBy !== voterId) {
			if (vote.secret || prior.via !== 'proxy') {
				if (!vote.allowChange || vote.secret)
					return fail('already-voted', 'A ballot was already cast for you.');
			}
		} else if (prior && !vote.allowChange)
			return fail('already-voted', 'You have voted; ballots cannot be changed.');
	} else if (state.proxies[voterId] === actor.memberId) {
		if (!representedMembers(state).has(voterId))
			return fail('proxy-lapsed', 'The proxy has lapsed: its giver is here, or you are not.');
		if (prior?.castBy === voterId) return fail('proxy-lapsed', 'The proxy has lapsed: its giver has voted.');
		if (prior && !vote.allowChange)
			return fail('already-voted', 'You have voted for them; ballots cannot be changed.');
		via = 'proxy';
	} else if (can({ role: actor.role }, CouncilAction.runMeeting)) {
		if (vote.secret) return fail('forbidden', 'In a secret vote the room is counted by hand totals.');
		if (state.attendance[voterId]?.mode !== 'in-person' || !state.attendance[voterId]?.present)
			return fail('not-present', 'A roll call records members in the room.');
		if (prior && prior.via !== 'roll-call') return fail('already-voted', 'This member has voted already.');
		via = 'roll-call';
	} else {
		return fail('forbidden', 'You may vote for yourself, or for a member whose proxy you hold.');
	}
	if (vote.secret) {
		if (!ctx.receiptTag) return fail('invalid-input', 'A secret ballot needs a receipt code.');
		if (prior)
			return ctx.receiptInBox
				? ok([])
				: fail('unknown-receipt', 'Change your ballot from the device you voted with.');
		if (ctx.receiptInBox) return fail('invalid-input', 'This receipt code is taken; try again.');
		return ok1({
			type: 'ballot:turnout',
			payload: { motionId: motion.id, voterId, castBy: actor.memberId, via }
		});
	}
	const same = vote.ballots[voterId];
	if (same && same.castBy === actor.memberId && sameChoice(same.choice, c.choice)) return ok([]);
	return ok1({
		type: 'ballot:cast',
		payload: {
			motionId: motion.id,
			voterId,
			castBy: actor.memberId,
			via,
			choice: c.choice,
			receiptTag: ctx.receiptTag
		}
	});
}

function handCount(
	state: MeetingState,
	c: Extract<MotionCommand, { type: 'ballot:hand-count' }>,
	ctx: MotionContext,
	motion: Motion
): Decision {
	if (!can({ role: ctx.actor.role }, CouncilAction.runMeeting))
		return fail('forbidden', 'The moderator counts hands.');
	if (motion.status === 'closed') return fail('vote-closed', 'Voting on this motion has closed.');
	const vote = motion.vote;
	if (motion.status !== 'voting' || !vote)
		return fail('vote-not-open', 'Voting on this motion has not opened.');
	if (vote.rule.measure !== 'headcount' || vote.rule.perConstituency)
		return fail('hand-count-needs-roll-call', 'This rule weighs each vote: record the room by roll call.');
	const keys =
		motion.form.kind === 'choose' ? motion.form.candidates.map((x) => x.id) : ['yes', 'no', 'abstain'];
	const entries = Object.entries(c.counts);
	if (entries.some(([k, n]) => !keys.includes(k) || !Number.isInteger(n) || n < 0))
		return fail('invalid-input', 'Counts are whole numbers for this motion’s options.');
	const earlier = new Set(vote.handCount?.voterIds ?? []);
	const pool = vote.voters
		.filter(
			(v) =>
				earlier.has(v.memberId) ||
				(v.present &&
					motion.recusals[v.memberId] === undefined &&
					!vote.turnout[v.memberId] &&
					state.attendance[v.memberId]?.present &&
					state.attendance[v.memberId]?.mode === 'in-person')
		)
		.map((v) => v.memberId)
		.sort();
	if (pool.length === 0) return fail('invalid-input', 'Nobody in the room is left to be counted by hand.');
	const counts = Object.fromEntries(keys.map((k) => [k, c.counts[k] ?? 0]));
	const raised =
		motion.form.kind === 'choose' ? Math.max(...Object.values(counts)) : sum(Object.values(counts));
	if (raised > pool.length)
		return fail('invalid-input', `Only ${pool.length} voting members in the room have not voted otherwise.`);
	return ok1({ type: 'ballot:hand-count', payload: { motionId: motion.id, counts, voterIds: pool } });
}

function closeVote(state: MeetingState, ctx: MotionContext, motion: Motion): Decision {
	if (!can({ role: ctx.actor.role }, CouncilAction.runMeeting))
		return fail('forbidden', 'The moderator closes voting.');
	if (motion.status === 'closed') return fail('vote-closed', 'Voting on this motion has closed.');
	const vote = motion.vote;
	if (motion.status !== 'voting' || !vote)
		return fail('vote-not-open', 'Voting on this motion has not opened.');
	const quorum = currentQuorum(state)!;
	const byId = new Map(vote.voters.map((v) => [v.memberId, v]));
	const named = Object.values(vote.ballots)
		.filter((b) => motion.recusals[b.voterId] === undefined)
		.map((b) => ({
			choice: b.choice,
			weightCents: byId.get(b.voterId)!.weightCents,
			constituency: byId.get(b.voterId)!.constituency
		}));
	const receipts = vote.secret
		? [...ctx.secretBox].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
		: [];
	const counted = [...named, ...receipts];
	const hand = vote.handCount;
	let result: VoteResult;
	let tally = null;
	let election = null;
	if (motion.form.kind === 'choose') {
		const handBallots = hand ? Math.max(0, ...Object.values(hand.counts)) : 0;
		election = tallyElection(
			motion.form.candidates,
			motion.form.choose,
			counted.map((b) => (Array.isArray(b.choice) ? b.choice : [])),
			hand?.counts,
			handBallots
		);
		const seats = Math.min(motion.form.choose, motion.form.candidates.length);
		result = election.elected.length === seats ? 'carried' : 'failed';
	} else {
		const ballots: CountedBallot[] = counted.flatMap((b) =>
			typeof b.choice === 'string'
				? [{ choice: b.choice, weightCents: b.weightCents, constituency: b.constituency }]
				: []
		);
		for (const option of ['yes', 'no', 'abstain'] as const) {
			for (let i = 0; i < (hand?.counts[option] ?? 0); i++)
				ballots.push({ choice: option, weightCents: 0, constituency: null });
		}
		tally = tallyBallots(vote.rule, vote.voters, ballots);
		result = tally.carried ? 'carried' : 'failed';
	}
	if (!quorum.met) result = 'no-quorum';
	return ok1({
		type: 'vote:close',
		payload: { motionId: motion.id, result, quorumAtClose: quorum, tally, election, receipts }
	});
}

function votingMember(state: MeetingState, memberId: string): boolean {
	const entry = state.roster.find((r) => r.memberId === memberId);
	return entry !== undefined && isVotingRole(entry.role);
}

function checkForm(form: BallotForm): string | null {
	if (form.kind === 'yes-no-abstain') return null;
	const ids = new Set(form.candidates.map((x) => x.id));
	if (form.candidates.length < 2 || ids.size !== form.candidates.length)
		return 'An election needs at least two distinct candidates.';
	if (!Number.isInteger(form.choose) || form.choose < 1 || form.choose > form.candidates.length)
		return 'Choose between 1 and the number of candidates.';
	return null;
}

function checkChoice(form: BallotForm, choice: Choice): string | null {
	if (form.kind === 'yes-no-abstain') {
		return typeof choice === 'string' && ['yes', 'no', 'abstain'].includes(choice)
			? null
			: 'Vote yes, no or abstain.';
	}
	if (!Array.isArray(choice)) return 'Pick candidates.';
	const ids = new Set(form.candidates.map((x) => x.id));
	if (new Set(choice).size !== choice.length || choice.some((id) => !ids.has(id)))
		return 'Pick each candidate at most once, from the list.';
	if (choice.length > form.choose) return `Pick at most ${form.choose}.`;
	return null;
}

function sameChoice(a: Choice, b: Choice): boolean {
	if (typeof a === 'string' || typeof b === 'string') return a === b;
	return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
