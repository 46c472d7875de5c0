import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Role } from '../council/role';
import { decide, type DecideContext } from '../meeting/decide';
import { evolve, foldMeeting } from '../meeting/evolve';
import type { MeetingCommand } from '../meeting/meeting-command';
import type { MeetingRules, RecordedFact } from '../meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../meeting/meeting-state';
import { QuorumPreset } from '../meeting/quorum';
import type { RosterEntry } from '../meeting/roster';
import { DECISION_PRESETS } from './decision-rule';
import { DEFAULT_VOTING_RULES, voterIn, type Choice, type PublishedSecretBallot } from './motion';

const person = (
	memberId: string,
	role: Role,
	weightCents = 100,
	constituency: string | null = null
): RosterEntry => ({
	memberId,
	userId: `u-${memberId}`,
	name: memberId,
	role,
	weightCents,
	constituency
});

/** A residents' council: a moderator, a clerk, an observer and six voting members. */
const roster = [
	person('mod', 'moderator'),
	person('clerk', 'clerk'),
	person('obs', 'observer'),
	...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id, 'member'))
];
const baseRules: MeetingRules = {
	quorum: QuorumPreset.majorityOfMembers,
	proxies: { allowed: true, maxPerHolder: 1 },
	voting: DEFAULT_VOTING_RULES
};

type Ballot = NonNullable<DecideContext['ballot']>;

/** Decide, stamp and fold, as the server does; secret ballots go to an in-memory box keyed by receipt. */
class Meeting {
	state: MeetingState = initialMeetingState;
	readonly box = new Map<string, PublishedSecretBallot & { motionId: string }>();
	readonly log: RecordedFact[] = [];
	private t = Date.parse('2026-12-15T01:30:00Z');

	constructor(
		private readonly rules: MeetingRules = baseRules,
		private readonly people: RosterEntry[] = roster
	) {}

	/** 'ok' or the refusal code. */
	do(who: string, command: MeetingCommand): string {
		const ctx: DecideContext = {
			actor: { userId: `u-${who}`, memberId: who, role: this.people.find((p) => p.memberId === who)!.role },
			roster: this.people,
			rules: this.rules,
			ballot: this.ballotContext(command)
		};
		const decided = decide(this.state, command, ctx);
		if (!decided.ok) return decided.error.code;
		this.fillBox(who, command, ctx.ballot, decided.value.length > 0);
		for (const fact of decided.value) {
			this.t += 1000;
			const recorded = {
				...fact,
				seq: this.state.seq + 1,
				actorId: `u-${who}`,
				occurredAt: new Date(this.t).toISOString()
			} as RecordedFact;
			this.state = evolve(this.state, recorded);
			this.log.push(recorded);
		}
		return 'ok';
	}

	must(who: string, command: MeetingCommand) {
		const outcome = this.do(who, command);
		if (outcome !== 'ok') throw new Error(`${command.type} by ${who}: ${outcome}`);
	}

	motion(id = 'm1') {
		return this.state.motions.find((m) => m.id === id)!;
	}

	private ballotContext(command: MeetingCommand): Ballot | undefined {
		if (command.type === 'vote:close') {
			return {
				receiptTag: null,
				receiptInBox: false,
				secretBox: [...this.box.values()].filter((b) => b.motionId === command.motionId)
			};
		}
		if (command.type !== 'ballot:cast') return undefined;
		const tag = command.receipt ? `tag:${command.receipt}` : null;
		return { receiptTag: tag, receiptInBox: tag !== null && this.box.has(tag), secretBox: [] };
	}

	private fillBox(who: string, command: MeetingCommand, ballot: Ballot | undefined, _new: boolean) {
		if (command.type !== 'ballot:cast' || !ballot?.receiptTag) return;
		const vote = this.motion(command.motionId).vote;
		if (!vote?.secret) return;
		const voter = vote.voters.find((v) => v.memberId === (command.voterId ?? who))!;
		this.box.set(ballot.receiptTag, {
			motionId: command.motionId,
			tag: ballot.receiptTag,
			choice: command.choice,
			weightCents: voter.weightCents,
			constituency: voter.constituency
		});
	}
}

const item = (itemId = 'i1'): MeetingCommand => ({
	type: 'agenda:item-add',
	itemId,
	fields: {
		title: '停车收费方案',
		description: '',
		presenter: null,
		plannedMinutes: 20,
		kind: 'decision',
		documentId: null
	}
});
const cast = (
	choice: Choice,
	o: { voterId?: string; receipt?: string; motionId?: string } = {}
): MeetingCommand => ({
	type: 'ballot:cast',
	motionId: o.motionId ?? 'm1',
	choice,
	...(o.voterId ? { voterId: o.voterId } : {}),
	...(o.receipt ? { receipt: o.receipt } : {})
});

/** Open meeting, one item, the given people checked in remotely (or in person, marked with '@'). */
function meetingWith(present: string[], rules = baseRules, people = roster): Meeting {
	const m = new Meeting(rules, people);
	m.must('mod', item());
	m.must('mod', { type: 'meeting:open' });
	m.must('mod', { type: 'agenda:next' });
	for (const p of present) {
		const inPerson = p.startsWith('@');
		const id = inPerson ? p.slice(1) : p;
		m.must('mod', { type: 'attendance:check-in', memberId: id, mode: inPerson ? 'in-person' : 'remote' });
	}
	return m;
}

describe('motion lifecycle', () => {
	it('goes draft → seconded → voting → closed, and withdrawn only before voting', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd']);
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: '每车位每月 100 元' });
		expect(m.motion().status).toBe('draft');
		expect(m.do('a', { type: 'motion:second', motionId: 'm1' })).toBe('invalid-input');
		expect(m.do('obs', { type: 'motion:second', motionId: 'm1' })).toBe('not-eligible');
		expect(m.do('c', { type: 'motion:second', motionId: 'm1', seconderId: 'd' })).toBe('forbidden');
		m.must('b', { type: 'motion:second', motionId: 'm1' });
		expect(m.motion()).toMatchObject({ status: 'seconded', seconderId: 'b', moverId: 'a' });
		m.must('mod', { type: 'vote:open', motionId: 'm1' });
		expect(m.do('a', { type: 'motion:withdraw', motionId: 'm1' })).toBe('motion-not-open');
		m.must('a', cast('yes'));
		m.must('mod', { type: 'vote:close', motionId: 'm1' });
		expect(m.motion().status).toBe('closed');
		m.must('c', { type: 'motion:propose', motionId: 'm2', itemId: 'i1', text: '改为 80 元' });
		expect(m.do('d', { type: 'motion:withdraw', motionId: 'm2' })).toBe('forbidden');
		m.must('c', { type: 'motion:withdraw', motionId: 'm2' });
		expect(m.motion('m2').status).toBe('withdrawn');
	});

	it('refuses what a clerk, observer or absent agenda item cannot do', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd']);
		expect(m.do('obs', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' })).toBe(
			'not-eligible'
		);
		expect(m.do('a', { type: 'motion:propose', motionId: 'm1', itemId: 'nope', text: 'x' })).toBe(
			'no-such-item'
		);
		expect(m.do('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: '  ' })).toBe(
			'invalid-input'
		);
		expect(m.do('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x', moverId: 'b' })).toBe(
			'forbidden'
		);
		m.must('clerk', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x', moverId: 'b' });
		expect(m.motion().moverId).toBe('b');
		expect(m.do('a', { type: 'vote:open', motionId: 'm1' })).toBe('forbidden');
	});

	it('requires a second where the council says so, and votes amendments first', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd'], {
			...baseRules,
			voting: { ...DEFAULT_VOTING_RULES, requireSecond: true }
		});
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: '方案 A' });
		expect(m.do('mod', { type: 'vote:open', motionId: 'm1' })).toBe('second-required');
		m.must('b', { type: 'motion:second', motionId: 'm1' });
		m.must('c', {
			type: 'motion:propose',
			motionId: 'am',
			itemId: 'i1',
			text: '把 100 改为 80',
			amends: 'm1'
		});
		expect(m.motion('am').kind).toBe('amendment');
		expect(m.do('mod', { type: 'vote:open', motionId: 'm1' })).toBe('amendment-pending');
		m.must('d', { type: 'motion:second', motionId: 'am' });
		m.must('mod', { type: 'vote:open', motionId: 'am' });
		expect(m.do('mod', { type: 'vote:open', motionId: 'm1' })).toBe('vote-already-open');
		for (const v of ['a', 'b', 'c', 'd']) m.must(v, cast('yes', { motionId: 'am' }));
		m.must('mod', { type: 'vote:close', motionId: 'am' });
		expect(m.motion('am').outcome?.result).toBe('carried');
		const version = {
			documentId: crypto.randomUUID(),
			versionId: crypto.randomUUID(),
			name: '方案 A（修正）',
			sha256: 'f'.repeat(64)
		};
		m.must('mod', { type: 'motion:rebind', motionId: 'm1', text: '方案 A（修正）', document: version });
		m.must('mod', { type: 'vote:open', motionId: 'm1' });
		expect(m.motion('m1')).toMatchObject({ status: 'voting', document: version });
	});

	it('does not adjourn over an open vote', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd']);
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
		m.must('mod', { type: 'vote:open', motionId: 'm1' });
		expect(m.do('mod', { type: 'meeting:adjourn' })).toBe('invalid-input');
		m.must('mod', { type: 'vote:close', motionId: 'm1' });
		m.must('mod', { type: 'meeting:adjourn' });
	});
});

describe('casting', () => {
	it('counts one ballot per voter, the last one, when changes are allowed; refuses them when not', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd']);
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
		m.must('mod', { type: 'vote:open', motionId: 'm1' });
		m.must('a', cast('no'));
		m.must('a', cast('yes'));
		m.must('b', cast('no'));
		m.must('mod', { type: 'vote:close', motionId: 'm1' });
		expect(m.motion().outcome?.tally?.counts).toEqual({ yes: 1, no: 1, abstain: 0 });

		m.must('a', { type: 'motion:propose', motionId: 'm2', itemId: 'i1', text: 'y' });
		m.must('mod', { type: 'vote:open', motionId: 'm2', allowChange: false });
		m.must('a', cast('no', { motionId: 'm2' }));
		expect(m.do('a', cast('yes', { motionId: 'm2' }))).toBe('already-voted');
	});

	it('lets the moderator enter a roll call only for people in the room, and never over their own ballot', () => {
		const m = meetingWith(['mod', '@a', 'b', '@c', 'd']);
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
		m.must('mod', { type: 'vote:open', motionId: 'm1' });
		m.must('mod', cast('yes', { voterId: 'a' }));
		expect(m.motion().vote?.ballots.a).toMatchObject({ via: 'roll-call', castBy: 'mod' });
		expect(m.do('mod', cast('yes', { voterId: 'b' }))).toBe('not-present');
		m.must('c', cast('no'));
		expect(m.do('mod', cast('yes', { voterId: 'c' }))).toBe('already-voted');
		expect(m.do('b', cast('yes', { voterId: 'd' }))).toBe('forbidden');
	});

	it('elects k of n, and says when a tie straddles the last seat', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd']);
		const candidates = [
			{ id: 'x', label: '王' },
			{ id: 'y', label: '李' },
			{ id: 'z', label: '张' }
		];
		expect(
			m.do('a', {
				type: 'motion:propose',
				motionId: 'bad',
				itemId: 'i1',
				text: '选举',
				form: { kind: 'choose', candidates, choose: 4 }
			})
		).toBe('invalid-input');
		m.must('a', {
			type: 'motion:propose',
			motionId: 'm1',
			itemId: 'i1',
			text: '选举楼长',
			form: { kind: 'choose', candidates, choose: 2 }
		});
		m.must('mod', { type: 'vote:open', motionId: 'm1' });
		expect(m.do('a', cast(['x', 'y', 'z']))).toBe('invalid-choice');
		expect(m.do('a', cast('yes'))).toBe('invalid-choice');
		m.must('a', cast(['x', 'y']));
		m.must('b', cast(['x', 'z']));
		m.must('c', cast(['x']));
		m.must('mod', { type: 'vote:close', motionId: 'm1' });
		const e = m.motion().outcome!.election!;
		expect(e.votes).toEqual({ x: 3, y: 1, z: 1 });
		expect(e.tiedAtCut.sort()).toEqual(['y', 'z']);
		expect(e.elected).toEqual(['x']);
		expect(m.motion().outcome?.result).toBe('failed');
	});
});

describe('secret votes', () => {
	it('record turnout only; a change needs the receipt; close publishes the box sorted by tag', () => {
		const m = meetingWith(['mod', 'a', 'b', 'c', 'd']);
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
		m.must('mod', { type: 'vote:open', motionId: 'm1', secret: true });
		expect(m.motion().vote?.hideRunningTally).toBe(true);
		expect(m.do('a', cast('yes'))).toBe('invalid-input');
		m.must('a', cast('yes', { receipt: 'R2' }));
		m.must('b', cast('no', { receipt: 'R1' }));
		expect(m.motion().vote?.ballots).toEqual({});
		expect(Object.keys(m.motion().vote!.turnout).sort()).toEqual(['a', 'b']);
		expect(m.do('a', cast('no', { receipt: 'R9' }))).toBe('unknown-receipt');
		m.must('a', cast('abstain', { receipt: 'R2' }));
		expect(m.do('c', cast('yes', { receipt: 'R1' }))).toBe('invalid-input');
		expect(m.do('mod', cast('yes', { voterId: 'c', receipt: 'R3' }))).toBe('forbidden');
		m.must('mod', { type: 'vote:close', motionId: 'm1' });
		const outcome = m.motion().outcome!;
		expect(outcome.receipts.map((r) => [r.tag, r.choice])).toEqual([
			['tag:R1', 'no'],
			['tag:R2', 'abstain']
		]);
		expect(outcome.tally?.counts).toEqual({ yes: 0, no: 1, abstain: 1 });
	});

	it('refuses hand totals when the rule weighs votes', () => {
		const rules = {
			...baseRules,
			voting: {
				...DEFAULT_VOTING_RULES,
				preset: 'civil-code-278-ordinary' as const,
				rule: DECISION_PRESETS['civil-code-278-ordinary']
			}
		};
		const m = meetingWith(['mod', '@a', '@b', 'c', 'd'], rules);
		m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
		m.must('mod', { type: 'vote:open', motionId: 'm1', secret: true });
		expect(m.do('mod', { type: 'ballot:hand-count', motionId: 'm1', counts: { yes: 2 } })).toBe(
			'hand-count-needs-roll-call'
		);
	});
});

describe('properties', () => {
	const voters = ['mod', 'a', 'b', 'c', 'd', 'e', 'f'];
	const choice = fc.constantFrom<Choice>('yes', 'no', 'abstain');
	const casts = fc.array(fc.tuple(fc.constantFrom(...voters), choice), { maxLength: 30 });

	it('the tally counts exactly each voter’s last ballot, whatever the order of voters', () => {
		fc.assert(
			fc.property(casts, fc.boolean(), (list, secret) => {
				const m = meetingWith(voters);
				m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
				m.must('mod', { type: 'vote:open', motionId: 'm1', secret });
				for (const [who, c] of list) m.must(who, cast(c, { receipt: `R-${who}` }));
				m.must('mod', { type: 'vote:close', motionId: 'm1' });
				const last = new Map(list);
				const expected = { yes: 0, no: 0, abstain: 0 };
				for (const c of last.values()) expected[c as 'yes' | 'no' | 'abstain'] += 1;
				const outcome = m.motion().outcome!;
				expect(outcome.tally?.counts).toEqual(expected);
				expect(
					outcome.tally!.counts.yes + outcome.tally!.counts.no + outcome.tally!.counts.abstain
				).toBeLessThanOrEqual(m.motion().vote!.voters.filter((v) => v.present).length);
			})
		);
	});

	it('a transient fold from any point gives the step-by-step state and leaves where it began alone', () => {
		fc.assert(
			fc.property(casts, fc.boolean(), fc.nat(), (list, secret, cut) => {
				const m = meetingWith(voters);
				m.must('a', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
				m.must('mod', { type: 'vote:open', motionId: 'm1', secret });
				for (const [who, c] of list) m.must(who, cast(c, { receipt: `R-${who}` }));
				const at = cut % (m.log.length + 1);
				const start = foldMeeting(m.log.slice(0, at), initialMeetingState);
				const untouched = structuredClone(start);
				expect(foldMeeting(m.log.slice(at), start)).toEqual(m.state);
				expect(start).toEqual(untouched);
			})
		);
	});

	it('a hand count never lets anyone be counted twice', () => {
		fc.assert(
			fc.property(fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']), fc.nat(6), (remoteVoters, raised) => {
				const m = meetingWith(['mod', '@a', '@b', '@c', 'd', 'e', 'f']);
				m.must('d', { type: 'motion:propose', motionId: 'm1', itemId: 'i1', text: 'x' });
				m.must('mod', { type: 'vote:open', motionId: 'm1', secret: true });
				for (const v of remoteVoters) m.must(v, cast('no', { receipt: `R-${v}` }));
				const room = ['a', 'b', 'c'].filter((v) => !remoteVoters.includes(v));
				const outcome = m.do('mod', { type: 'ballot:hand-count', motionId: 'm1', counts: { yes: raised } });
				if (room.length === 0 || raised > room.length) {
					expect(outcome).toBe('invalid-input');
					return;
				}
				expect(outcome).toBe('ok');
				for (const v of room) expect(m.do(v, cast('no', { receipt: `S-${v}` }))).toBe('counted-by-hand');
				m.must('mod', { type: 'vote:close', motionId: 'm1' });
				const t = m.motion().outcome!.tally!;
				expect(t.counts.yes + t.counts.no + t.counts.abstain).toBe(raised + remoteVoters.length);
			})
		);
	});
});

describe('voterIn', () => {
	it('finds each vote’s voters by member id, and nobody who was not one of them', () => {
		const voter = (memberId: string, present: boolean) => ({
			memberId,
			weightCents: 100,
			constituency: null,
			present
		});
		const first = { voters: [voter('a', true), voter('b', false)] };
		const second = { voters: [voter('b', true)] };
		expect(voterIn(first, 'b')).toBe(first.voters[1]);
		expect(voterIn(first, 'c')).toBeUndefined();
		// Another vote's list is its own, even for the same member.
		expect(voterIn(second, 'b')?.present).toBe(true);
		expect(voterIn(second, 'a')).toBeUndefined();
		expect(voterIn(first, 'a')?.present).toBe(true);
	});
});
