import { can, CouncilAction } from '../council/permission';
import { isVotingRole, type Role } from '../council/role';
import { fail, ok, type Result } from '../result';
import { decideMotion } from '../voting/motion-decide';
import type { PublishedSecretBallot } from '../voting/motion';
import type { MeetingCommand, MeetingErrorCode } from './meeting-command';
import type { MeetingFact, MeetingRules } from './meeting-events';
import { MeetingStatus, type MeetingState } from './meeting-state';
import { presentMembers, representedAmong } from './presence';
import { evaluateQuorum } from './quorum';
import type { RosterEntry } from './roster';

export interface MeetingActor {
	userId: string;
	role: Role;
	memberId: string;
}

export interface DecideContext {
	actor: MeetingActor;
	/** The council's members and rules now; frozen into the record when the meeting opens. */
	roster: readonly RosterEntry[];
	rules: MeetingRules;
	/** What only the server knows about a ballot: see MotionContext. */
	ballot?: { receiptTag: string | null; receiptInBox: boolean; secretBox: readonly PublishedSecretBallot[] };
}

type Decision = Result<MeetingFact[], MeetingErrorCode>;

const QUORUM_MOVERS: ReadonlySet<MeetingCommand['type']> = new Set([
	'meeting:open',
	'attendance:check-in',
	'attendance:leave',
	'proxy:grant',
	'proxy:withdraw'
] as const);

const deny = (message: string): Decision => fail('forbidden', message);

/**
 * Decides which facts a command produces, or why it is refused. After attendance changes, a
 * quorum fact is added whenever quorum is reached or lost, so that the record shows it.
 */
export function decide(state: MeetingState, command: MeetingCommand, ctx: DecideContext): Decision {
	const decided = decideCommand(state, command, ctx);
	if (!decided.ok || (state.status === MeetingStatus.scheduled && command.type !== 'meeting:open'))
		return decided;
	// Only who is here (and who holds whose proxy) moves quorum; a vote of thousands skips the check.
	if (!QUORUM_MOVERS.has(command.type)) return decided;
	return ok([...decided.value, ...quorumChange(state, decided.value)]);
}

function decideCommand(state: MeetingState, c: MeetingCommand, ctx: DecideContext): Decision {
	const { actor } = ctx;
	const may = (action: CouncilAction) => can({ role: actor.role }, action);
	const roster = state.status === MeetingStatus.scheduled ? ctx.roster : state.roster;
	const rules = state.rules ?? ctx.rules;
	const member = (id: string) => roster.find((r) => r.memberId === id);
	const item = (id: string) => state.agenda.find((i) => i.id === id);
	const running = state.status === MeetingStatus.open || state.status === MeetingStatus.paused;
	if (state.status === MeetingStatus.adjourned) return fail('meeting-adjourned', 'The meeting is adjourned.');

	switch (c.type) {
		case 'agenda:item-add':
			if (!may(CouncilAction.scheduleMeeting)) return deny('Only the moderator or clerk edits the agenda.');
			if (item(c.itemId)) return fail('invalid-input', 'An item with this id exists.');
			return facts({
				type: c.type,
				payload: { itemId: c.itemId, fields: c.fields, index: c.index ?? state.agenda.length }
			});
		case 'agenda:item-edit':
		case 'agenda:item-move':
		case 'agenda:item-remove': {
			if (!may(CouncilAction.scheduleMeeting)) return deny('Only the moderator or clerk edits the agenda.');
			const target = item(c.itemId);
			if (!target) return fail('no-such-item', 'No such agenda item.');
			if (c.type === 'agenda:item-edit')
				return facts({ type: c.type, payload: { itemId: c.itemId, fields: c.fields } });
			if (c.type === 'agenda:item-move')
				return facts({ type: c.type, payload: { itemId: c.itemId, index: c.index } });
			if (target.status !== 'pending')
				return fail('item-already-started', 'An item that was taken up stays on the record.');
			return facts({ type: c.type, payload: { itemId: c.itemId } });
		}
		case 'meeting:open':
			if (!may(CouncilAction.runMeeting)) return deny('Only the moderator opens the meeting.');
			if (state.status !== MeetingStatus.scheduled)
				return fail('meeting-already-open', 'The meeting is already open.');
			return facts({ type: c.type, payload: { roster: [...ctx.roster], rules: ctx.rules } });
		case 'meeting:pause':
		case 'meeting:resume':
		case 'meeting:adjourn':
		case 'agenda:item-start':
		case 'agenda:next':
		case 'agenda:previous':
		case 'agenda:item-extend':
			if (!may(CouncilAction.runMeeting)) return deny('Only the moderator runs the meeting.');
			if (!running) return fail('meeting-not-open', 'Open the meeting first.');
			return decideRunning(state, c);
		case 'attendance:check-in':
		case 'attendance:leave': {
			const self = c.memberId === actor.memberId;
			if (!self && !may(CouncilAction.checkIn)) return deny('Only the moderator or clerk checks others in.');
			if (self && c.type === 'attendance:check-in' && c.mode === 'in-person' && !may(CouncilAction.checkIn)) {
				return deny('In-person attendance is recorded at the door.');
			}
			if (!member(c.memberId)) return fail('no-such-member', 'Not a member of this council.');
			if (c.type === 'attendance:leave') {
				return state.attendance[c.memberId]?.present
					? facts({ type: c.type, payload: { memberId: c.memberId } })
					: ok([]);
			}
			const now = state.attendance[c.memberId];
			if (now?.present && now.mode === c.mode) return ok([]);
			return facts({ type: c.type, payload: { memberId: c.memberId, mode: c.mode } });
		}
		case 'proxy:grant': {
			if (c.giverId !== actor.memberId && !may(CouncilAction.checkIn))
				return deny('Members grant their own proxies.');
			if (!rules.proxies.allowed) return fail('proxies-not-allowed', 'This council does not allow proxies.');
			const giver = member(c.giverId);
			const holder = member(c.holderId);
			if (!giver || !holder) return fail('no-such-member', 'Not a member of this council.');
			if (!isVotingRole(giver.role) || !isVotingRole(holder.role) || c.giverId === c.holderId) {
				return fail('invalid-input', 'A proxy passes between two different voting members.');
			}
			const held = Object.entries(state.proxies).filter(
				([g, h]) => h === c.holderId && g !== c.giverId
			).length;
			if (held >= rules.proxies.maxPerHolder)
				return fail('proxy-limit', 'This member holds as many proxies as allowed.');
			return facts({ type: c.type, payload: { giverId: c.giverId, holderId: c.holderId } });
		}
		case 'proxy:withdraw':
			if (c.giverId !== actor.memberId && !may(CouncilAction.checkIn))
				return deny('Members withdraw their own proxies.');
			return state.proxies[c.giverId] ? facts({ type: c.type, payload: { giverId: c.giverId } }) : ok([]);
		case 'speaker:hand-raise':
		case 'speaker:hand-lower':
		case 'speaker:floor-give':
		case 'speaker:floor-end':
			if (!running) return fail('meeting-not-open', 'The meeting is not open.');
			return decideSpeaker(state, c, ctx, presentMembers(state));
		case 'motion:propose':
		case 'motion:second':
		case 'motion:withdraw':
		case 'motion:rebind':
		case 'motion:recuse':
		case 'vote:open':
		case 'ballot:cast':
		case 'ballot:hand-count':
		case 'vote:close':
			return decideMotion(state, c, {
				actor,
				rules,
				receiptTag: ctx.ballot?.receiptTag ?? null,
				receiptInBox: ctx.ballot?.receiptInBox ?? false,
				secretBox: ctx.ballot?.secretBox ?? []
			});
		case 'document:version-frozen':
			if (!may(CouncilAction.freezeDocument)) return deny('The moderator or clerk freezes versions.');
			if (!running) return fail('meeting-not-open', 'The meeting is not open.');
			return facts({ type: c.type, payload: c.version });
		case 'task:create':
			if (!may(CouncilAction.takeMinutes)) return deny('The moderator or clerk records follow-up tasks.');
			if (!running) return fail('meeting-not-open', 'The meeting is not open.');
			if (state.followUps.some((t) => t.taskId === c.taskId))
				return fail('invalid-input', 'A task with this id exists.');
			if (c.itemId !== null && !item(c.itemId)) return fail('no-such-item', 'No such agenda item.');
			if (c.ownerMemberId !== null && !member(c.ownerMemberId))
				return fail('no-such-member', 'Not a member of this council.');
			if (!/^\d{4}-\d{2}-\d{2}$/.test(c.dueOn))
				return fail('invalid-input', 'Give the due date as YYYY-MM-DD.');
			return facts({
				type: c.type,
				payload: {
					taskId: c.taskId,
					title: c.title,
					ownerMemberId: c.ownerMemberId,
					ownerOrganisation: c.ownerOrganisation,
					dueOn: c.dueOn,
					itemId: c.itemId,
					motionId: c.motionId
				}
			});
		case 'task:update':
			if (!may(CouncilAction.takeMinutes)) return deny('The moderator or clerk records task progress.');
			if (!running) return fail('meeting-not-open', 'The meeting is not open.');
			return facts({ type: c.type, payload: { taskId: c.taskId, status: c.status, note: c.note } });
	}
}

type RunningCommand = Extract<
	MeetingCommand,
	{
		type:
			| 'meeting:pause'
			| 'meeting:resume'
			| 'meeting:adjourn'
			| 'agenda:item-start'
			| 'agenda:next'
			| 'agenda:previous'
			| 'agenda:item-extend';
	}
>;

function decideRunning(state: MeetingState, c: RunningCommand): Decision {
	const index = state.agenda.findIndex((i) => i.id === state.currentItemId);
	switch (c.type) {
		case 'meeting:pause':
			return state.status === MeetingStatus.paused ? ok([]) : facts({ type: c.type, payload: {} });
		case 'meeting:resume':
			return state.status === MeetingStatus.open ? ok([]) : facts({ type: c.type, payload: {} });
		case 'meeting:adjourn':
			if (state.motions.some((m) => m.status === 'voting'))
				return fail('invalid-input', 'Close the open vote before adjourning.');
			return facts({ type: c.type, payload: {} });
		case 'agenda:item-start':
			if (!state.agenda.some((i) => i.id === c.itemId)) return fail('no-such-item', 'No such agenda item.');
			return c.itemId === state.currentItemId
				? ok([])
				: facts({ type: c.type, payload: { itemId: c.itemId } });
		case 'agenda:next':
		case 'agenda:previous': {
			const target = state.agenda[c.type === 'agenda:next' ? index + 1 : index === -1 ? -1 : index - 1];
			if (!target)
				return fail(
					'no-such-item',
					c.type === 'agenda:next' ? 'This is the last item.' : 'This is the first item.'
				);
			return facts({ type: 'agenda:item-start', payload: { itemId: target.id } });
		}
		case 'agenda:item-extend':
			if (!state.agenda.some((i) => i.id === c.itemId)) return fail('no-such-item', 'No such agenda item.');
			if (!Number.isInteger(c.minutes) || c.minutes < 1 || c.minutes > 240)
				return fail('invalid-input', 'Extend by 1 to 240 minutes.');
			return facts({ type: c.type, payload: { itemId: c.itemId, minutes: c.minutes } });
	}
}

type SpeakerCommand = Extract<MeetingCommand, { type: `speaker:${string}` }>;

function decideSpeaker(
	state: MeetingState,
	c: SpeakerCommand,
	ctx: DecideContext,
	present: Set<string>
): Decision {
	const chairs = can({ role: ctx.actor.role }, CouncilAction.runMeeting);
	const queued = (id: string) => state.speakers.some((r) => r.memberId === id);
	switch (c.type) {
		case 'speaker:hand-raise':
			// The moderator adds people in the room to the same queue as those online.
			if (c.memberId !== ctx.actor.memberId && !chairs) return deny('Raise your own hand.');
			if (c.memberId === ctx.actor.memberId && !can({ role: ctx.actor.role }, CouncilAction.raiseHand)) {
				return deny('Observers follow without speaking.');
			}
			if (!present.has(c.memberId)) return fail('not-present', 'Check in first.');
			if (queued(c.memberId) || state.floor?.memberId === c.memberId) return ok([]);
			return facts({ type: c.type, payload: { memberId: c.memberId, pointOfOrder: c.pointOfOrder } });
		case 'speaker:hand-lower':
			if (c.memberId !== ctx.actor.memberId && !chairs) return deny('Lower your own hand.');
			return queued(c.memberId) ? facts({ type: c.type, payload: { memberId: c.memberId } }) : ok([]);
		case 'speaker:floor-give':
			if (!chairs) return deny('The moderator gives the floor.');
			if (!present.has(c.memberId)) return fail('not-present', 'Only someone present can speak.');
			if (state.floor?.memberId === c.memberId) return ok([]);
			return facts({ type: c.type, payload: { memberId: c.memberId } });
		case 'speaker:floor-end':
			if (!state.floor) return ok([]);
			if (!chairs && state.floor.memberId !== ctx.actor.memberId)
				return deny('The moderator takes the floor back.');
			return facts({ type: c.type, payload: { memberId: state.floor.memberId } });
	}
}

function facts(...list: MeetingFact[]): Decision {
	return ok(list);
}

/** A quorum fact when the new facts change whether quorum holds (and always when the meeting opens). */
function quorumChange(state: MeetingState, decided: readonly MeetingFact[]): MeetingFact[] {
	if (decided.length === 0) return [];
	// Someone arriving only adds to who counts, someone leaving (or withdrawing a proxy) only takes
	// away: quorum held stays held through the one, missing stays missing through the other. So a
	// hall of 2,000 checking in is not 2,000 counts of everyone once quorum is there.
	if (state.quorum) {
		const adds = decided.every((f) => f.type === 'attendance:check-in');
		const takes = decided.every((f) => f.type === 'attendance:leave' || f.type === 'proxy:withdraw');
		if (state.quorum.met ? adds : takes) return [];
	}
	// Only presence, proxies and the opening move quorum: follow those alone rather than folding the
	// whole state (a copy of every attendance record per check-in, in a meeting of thousands).
	const present = presentMembers(state);
	const proxies = { ...state.proxies };
	let { roster, rules } = state;
	for (const f of decided) {
		if (f.type === 'attendance:check-in') present.add(f.payload.memberId);
		else if (f.type === 'attendance:leave') present.delete(f.payload.memberId);
		else if (f.type === 'proxy:grant') proxies[f.payload.giverId] = f.payload.holderId;
		else if (f.type === 'proxy:withdraw') delete proxies[f.payload.giverId];
		else if (f.type === 'meeting:adjourn') return [];
		else if (f.type === 'meeting:open') ({ roster, rules } = f.payload);
	}
	if (!rules) return [];
	const status = evaluateQuorum(rules.quorum, roster, present, representedAmong(present, proxies));
	const opening = decided.some((f) => f.type === 'meeting:open');
	if (!opening && state.quorum?.met === status.met) return [];
	return [{ type: status.met ? 'quorum:reached' : 'quorum:lost', payload: { status } }];
}
