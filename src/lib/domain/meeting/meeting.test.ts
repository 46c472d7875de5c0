import { DEFAULT_VOTING_RULES } from '../voting/motion';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, type DecideContext, type MeetingActor } from './decide';
import { evolve, foldMeeting } from './evolve';
import type { MeetingCommand } from './meeting-command';
import type { AgendaItemFields, MeetingFact, RecordedFact } from './meeting-events';
import { initialMeetingState, type MeetingState } from './meeting-state';
import { currentQuorum, presentMembers } from './presence';
import { speakingMs } from './agenda';
import { QuorumPreset } from './quorum';
import type { RosterEntry } from './roster';
import type { Role } from '../council/role';

const person = (memberId: string, role: Role, weightCents = 100): RosterEntry => ({
	memberId,
	userId: `u-${memberId}`,
	name: memberId,
	role,
	weightCents,
	constituency: null
});

/** The Jinghu elder association: a moderator, a clerk and five voting members. */
const roster = [
	person('wang', 'moderator'),
	person('fang', 'clerk'),
	person('sun', 'member'),
	person('chen', 'member'),
	person('lin', 'member'),
	person('zheng', 'member'),
	person('hu', 'member')
];
const rules = {
	quorum: QuorumPreset.majorityOfMembers,
	proxies: { allowed: true, maxPerHolder: 1 },
	voting: DEFAULT_VOTING_RULES
};
const actorOf = (memberId: string): MeetingActor => {
	const r = roster.find((x) => x.memberId === memberId)!;
	return { userId: r.userId, role: r.role, memberId };
};
const ctx = (memberId: string): DecideContext => ({ actor: actorOf(memberId), roster, rules });
const fields = (title: string): AgendaItemFields => ({
	title,
	description: '',
	presenter: null,
	plannedMinutes: 10,
	kind: 'discussion',
	documentId: null
});

/** A tiny in-memory log: decide, stamp, fold — what the server does, without I/O. */
function run(
	start: MeetingState,
	steps: [string, MeetingCommand][],
	clock = { t: Date.parse('2026-12-15T01:30:00Z') }
) {
	let state = start;
	const log: RecordedFact[] = [];
	const outcomes: string[] = [];
	for (const [who, command] of steps) {
		const decided = decide(state, command, ctx(who));
		if (!decided.ok) {
			outcomes.push(decided.error.code);
			continue;
		}
		outcomes.push('ok');
		for (const fact of decided.value) {
			clock.t += 1000;
			const recorded = {
				...fact,
				seq: state.seq + 1,
				actorId: actorOf(who).userId,
				occurredAt: new Date(clock.t).toISOString()
			} as RecordedFact;
			log.push(recorded);
			state = evolve(state, recorded);
		}
	}
	return { state, log, outcomes };
}

const types = (log: readonly MeetingFact[]) => log.map((f) => f.type);

describe('running a meeting', () => {
	const agenda: [string, MeetingCommand][] = [
		['fang', { type: 'agenda:item-add', itemId: 'i1', fields: fields('通过上次纪要') }],
		['fang', { type: 'agenda:item-add', itemId: 'i2', fields: fields('集装箱卡车停车问题') }],
		['fang', { type: 'agenda:item-add', itemId: 'i0', fields: fields('开会'), index: 0 }]
	];

	it('[agenda:order] items are added at a position and moved by index', () => {
		const { state } = run(initialMeetingState, [
			...agenda,
			['wang', { type: 'agenda:item-move', itemId: 'i0', index: 5 }]
		]);
		expect(state.agenda.map((i) => i.id)).toEqual(['i1', 'i2', 'i0']);
	});

	it('[meeting:lifecycle] open → start → next → adjourn, recording quorum on the way', () => {
		const { state, log, outcomes } = run(initialMeetingState, [
			...agenda,
			['wang', { type: 'attendance:check-in', memberId: 'sun', mode: 'in-person' }],
			['wang', { type: 'meeting:open' }],
			['wang', { type: 'agenda:next' }],
			['wang', { type: 'attendance:check-in', memberId: 'wang', mode: 'in-person' }],
			['chen', { type: 'attendance:check-in', memberId: 'chen', mode: 'remote' }],
			['fang', { type: 'attendance:check-in', memberId: 'lin', mode: 'in-person' }],
			['wang', { type: 'agenda:next' }],
			['wang', { type: 'meeting:adjourn' }]
		]);
		expect(outcomes.every((o) => o === 'ok')).toBe(true);
		expect(types(log).slice(3)).toEqual([
			'attendance:check-in',
			'meeting:open',
			'quorum:lost',
			'agenda:item-start',
			'attendance:check-in',
			'attendance:check-in',
			'attendance:check-in',
			'quorum:reached',
			'agenda:item-start',
			'meeting:adjourn'
		]);
		expect(state.status).toBe('adjourned');
		expect(state.agenda.map((i) => i.status)).toEqual(['done', 'done', 'pending']);
	});

	it('[meeting:authorise] a member cannot run the meeting or check others in', () => {
		const { outcomes } = run(initialMeetingState, [
			['sun', { type: 'meeting:open' }],
			['sun', { type: 'attendance:check-in', memberId: 'chen', mode: 'remote' }],
			['sun', { type: 'attendance:check-in', memberId: 'sun', mode: 'in-person' }],
			['sun', { type: 'agenda:item-add', itemId: 'x', fields: fields('x') }]
		]);
		expect(outcomes).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
	});

	it('[meeting:not-open] nothing runs before opening and nothing at all after adjournment', () => {
		const opened = run(initialMeetingState, [...agenda, ['wang', { type: 'agenda:next' }]]);
		expect(opened.outcomes.at(-1)).toBe('meeting-not-open');
		const closed = run(opened.state, [
			['wang', { type: 'meeting:open' }],
			['wang', { type: 'meeting:adjourn' }],
			['wang', { type: 'attendance:check-in', memberId: 'wang', mode: 'in-person' }]
		]);
		expect(closed.outcomes.at(-1)).toBe('meeting-adjourned');
	});

	it('[meeting:pause] a paused item’s clock stands still', () => {
		const { state } = run(initialMeetingState, [
			...agenda,
			['wang', { type: 'meeting:open' }],
			['wang', { type: 'agenda:item-start', itemId: 'i0' }],
			['wang', { type: 'meeting:pause' }],
			['wang', { type: 'meeting:resume' }],
			['wang', { type: 'agenda:next' }]
		]);
		// started at t, paused at t+1s (quorum fact between adds one more second), resumed, moved on.
		const first = state.agenda.find((i) => i.id === 'i0')!;
		expect(first.elapsedMs).toBe(2000);
	});

	it('[proxy:lapse] a proxy counts while its giver is away and lapses when they arrive', () => {
		const { state, log } = run(initialMeetingState, [
			['wang', { type: 'meeting:open' }],
			['wang', { type: 'attendance:check-in', memberId: 'wang', mode: 'in-person' }],
			['wang', { type: 'attendance:check-in', memberId: 'sun', mode: 'in-person' }],
			['chen', { type: 'proxy:grant', giverId: 'chen', holderId: 'sun' }],
			['lin', { type: 'proxy:grant', giverId: 'lin', holderId: 'wang' }]
		]);
		// Six voting members (the moderator votes too): two present and two represented make four.
		expect(types(log).at(-1)).toBe('quorum:reached');
		expect(state.quorum?.parts[0]).toMatchObject({ present: 4, required: 4, total: 6 });
		const arrived = run(state, [
			['wang', { type: 'attendance:check-in', memberId: 'chen', mode: 'in-person' }]
		]);
		expect(currentQuorum(arrived.state)?.parts[0]?.present).toBe(4);
		expect(types(arrived.log)).toEqual(['attendance:check-in']);
	});

	it('[proxy:limit] a holder carries at most the allowed number of proxies', () => {
		const { outcomes } = run(initialMeetingState, [
			['chen', { type: 'proxy:grant', giverId: 'chen', holderId: 'sun' }],
			['lin', { type: 'proxy:grant', giverId: 'lin', holderId: 'sun' }]
		]);
		expect(outcomes).toEqual(['ok', 'proxy-limit']);
	});

	it('[speakers:point-of-order] a point of order jumps the queue; the floor goes to one person', () => {
		const { state, outcomes } = run(initialMeetingState, [
			['wang', { type: 'meeting:open' }],
			...(['wang', 'sun', 'chen', 'lin'] as const).map(
				(m) =>
					['wang', { type: 'attendance:check-in', memberId: m, mode: 'in-person' }] as [
						string,
						MeetingCommand
					]
			),
			['sun', { type: 'speaker:hand-raise', memberId: 'sun', pointOfOrder: false }],
			['chen', { type: 'speaker:hand-raise', memberId: 'chen', pointOfOrder: false }],
			['lin', { type: 'speaker:hand-raise', memberId: 'lin', pointOfOrder: true }],
			['hu', { type: 'speaker:hand-raise', memberId: 'hu', pointOfOrder: false }],
			['wang', { type: 'speaker:floor-give', memberId: 'lin' }],
			['sun', { type: 'speaker:floor-end' }]
		]);
		expect(outcomes.slice(-6)).toEqual(['ok', 'ok', 'ok', 'not-present', 'ok', 'forbidden']);
		expect(state.floor?.memberId).toBe('lin');
		expect(state.speakers.map((r) => r.memberId)).toEqual(['sun', 'chen']);
	});

	it('[speakers:timer] a pause does not count towards the speaker’s time', () => {
		const clock = { t: Date.parse('2026-12-15T01:30:00Z') };
		const { state: speaking } = run(
			initialMeetingState,
			[
				['wang', { type: 'meeting:open' }],
				['wang', { type: 'attendance:check-in', memberId: 'sun', mode: 'in-person' }],
				['wang', { type: 'speaker:floor-give', memberId: 'sun' }]
			],
			clock
		);
		const since = Date.parse(speaking.floor!.since);
		clock.t += 10 * 60_000; // ten minutes of speaking, then a ten-minute pause
		const { state } = run(speaking, [['wang', { type: 'meeting:pause' }]], clock);
		const pausedAt = clock.t;
		clock.t += 10 * 60_000;
		const resumed = run(state, [['wang', { type: 'meeting:resume' }]], clock).state;
		expect(speakingMs(resumed.floor!, new Date(clock.t).toISOString(), resumed.pausedAt)).toBe(
			pausedAt - since
		);
	});
});

describe('the fold, over any sequence of commands', () => {
	const members = roster.map((r) => r.memberId);
	const member = fc.constantFrom(...members);
	const itemId = fc.constantFrom('a', 'b', 'c', 'd');
	const command: fc.Arbitrary<MeetingCommand> = fc.oneof(
		fc.record({
			type: fc.constant('agenda:item-add' as const),
			itemId,
			fields: fc.constant(fields('t')),
			index: fc.nat(5)
		}),
		fc.record({ type: fc.constant('agenda:item-move' as const), itemId, index: fc.nat(5) }),
		fc.record({ type: fc.constant('agenda:item-remove' as const), itemId }),
		fc.record({
			type: fc.constantFrom(
				'meeting:open',
				'meeting:pause',
				'meeting:resume',
				'agenda:next',
				'agenda:previous'
			)
		}) as fc.Arbitrary<MeetingCommand>,
		fc.record({ type: fc.constant('agenda:item-start' as const), itemId }),
		fc.record({
			type: fc.constant('attendance:check-in' as const),
			memberId: member,
			mode: fc.constantFrom('remote' as const, 'in-person' as const)
		}),
		fc.record({ type: fc.constant('attendance:leave' as const), memberId: member }),
		fc.record({ type: fc.constant('proxy:grant' as const), giverId: member, holderId: member }),
		fc.record({
			type: fc.constant('speaker:hand-raise' as const),
			memberId: member,
			pointOfOrder: fc.boolean()
		}),
		fc.record({ type: fc.constant('speaker:floor-give' as const), memberId: member }),
		fc.record({ type: fc.constant('speaker:floor-end' as const) })
	);
	const steps = fc.array(fc.tuple(member, command), { maxLength: 60 });

	it('[fold:invariants] state stays consistent after every accepted command', () => {
		fc.assert(
			fc.property(steps, (s) => {
				const { state } = run(initialMeetingState, s);
				const present = presentMembers(state);
				expect(state.agenda.filter((i) => i.status === 'in-progress').length).toBeLessThanOrEqual(1);
				if (state.currentItemId)
					expect(state.agenda.find((i) => i.id === state.currentItemId)?.status).toBe('in-progress');
				expect(new Set(state.agenda.map((i) => i.id)).size).toBe(state.agenda.length);
				expect(new Set(state.speakers.map((r) => r.memberId)).size).toBe(state.speakers.length);
				for (const r of state.speakers) expect(present.has(r.memberId)).toBe(true);
				if (state.floor) expect(present.has(state.floor.memberId)).toBe(true);
				const pointsOfOrder = state.speakers.map((r) => r.pointOfOrder);
				expect(pointsOfOrder).toEqual([...pointsOfOrder].sort((a, b) => Number(b) - Number(a)));
				if (state.status !== 'scheduled') expect(state.quorum?.met).toBe(currentQuorum(state)?.met);
			}),
			{ numRuns: 300 }
		);
	});

	it('[quorum:every-step] the recorded quorum is the counted one after every attendance change', () => {
		// Voting members only, and more arrivals than departures, so that quorum comes and goes.
		const voter = fc.constantFrom('wang', 'sun', 'chen', 'lin', 'zheng', 'hu');
		const attendance: fc.Arbitrary<MeetingCommand> = fc.oneof(
			{
				weight: 3,
				arbitrary: fc.record({
					type: fc.constant('attendance:check-in' as const),
					memberId: voter,
					mode: fc.constantFrom('remote' as const, 'in-person' as const)
				})
			},
			{
				weight: 1,
				arbitrary: fc.record({ type: fc.constant('attendance:leave' as const), memberId: voter })
			},
			{
				weight: 2,
				arbitrary: fc.record({ type: fc.constant('proxy:grant' as const), giverId: voter, holderId: voter })
			},
			{ weight: 1, arbitrary: fc.record({ type: fc.constant('proxy:withdraw' as const), giverId: voter }) }
		);
		fc.assert(
			fc.property(fc.array(attendance, { maxLength: 40 }), fc.boolean(), (changes, proxiesCount) => {
				const counting = { ...rules, quorum: { ...rules.quorum, proxiesCount } };
				let state = initialMeetingState;
				for (const change of [{ type: 'meeting:open' } as MeetingCommand, ...changes]) {
					const decided = decide(state, change, { actor: actorOf('wang'), roster, rules: counting });
					if (!decided.ok) continue;
					for (const fact of decided.value) {
						const stamp = { seq: state.seq + 1, actorId: 'u-wang', occurredAt: '2026-12-15T01:30:00.000Z' };
						state = evolve(state, { ...fact, ...stamp } as RecordedFact);
					}
					expect(state.quorum?.met).toBe(currentQuorum(state)?.met);
				}
			}),
			{ numRuns: 2000 }
		);
	});

	it('[fold:replay] replaying the log from any snapshot gives the live state', () => {
		fc.assert(
			fc.property(steps, fc.nat(), (s, cut) => {
				const { state, log } = run(initialMeetingState, s);
				const at = log.length === 0 ? 0 : cut % (log.length + 1);
				const snapshot = foldMeeting(log.slice(0, at), initialMeetingState);
				expect(foldMeeting(log.slice(at), snapshot)).toEqual(state);
				expect(state.seq).toBe(log.length);
			}),
			{ numRuns: 200 }
		);
	});
});
