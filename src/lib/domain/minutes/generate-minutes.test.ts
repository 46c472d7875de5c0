import { describe, expect, it } from 'vitest';
import { QuorumPreset } from '../meeting/quorum';
import type { RosterEntry } from '../meeting/roster';
import { DEFAULT_VOTING_RULES } from '../voting/motion';
import { generateMinutes } from './generate-minutes';
import { runMeetingScript, type ScriptStep } from './meeting-script';
import { minutesDocument } from './minutes-document';
import { searchMinutes } from './minutes-search';
import { renderMarkdown } from './render-markdown';

const roster: RosterEntry[] = ['mod', 'clerk', 'a', 'b', 'c'].map((id) => ({
	memberId: id,
	userId: `u-${id}`,
	name: id.toUpperCase(),
	role: id === 'mod' ? 'moderator' : id === 'clerk' ? 'clerk' : 'member',
	weightCents: 100,
	constituency: null
}));
const rules = {
	quorum: QuorumPreset.majorityOfMembers,
	proxies: { allowed: true, maxPerHolder: 1 },
	voting: DEFAULT_VOTING_RULES
};
const header = {
	councilName: 'C',
	meetingTitle: 'M',
	meetingType: null,
	scheduledAt: '2026-01-15T01:30:00.000Z',
	location: null,
	onlineUrl: null
};
const item = {
	title: 'Parking',
	description: '',
	presenter: null,
	plannedMinutes: 10,
	kind: 'decision' as const,
	documentId: null
};

function minutesOf(steps: ScriptStep[]) {
	const { facts, refused } = runMeetingScript({ roster, rules, startsAt: '2026-01-15T01:30:00.000Z', steps });
	expect(refused).toEqual([]);
	return generateMinutes({ meetingId: 'm', header, facts });
}

const opened: ScriptStep[] = [
	{ by: 'clerk', command: { type: 'agenda:item-add', itemId: 'i1', fields: item } },
	{ by: 'clerk', command: { type: 'agenda:item-add', itemId: 'i2', fields: { ...item, title: 'Garden' } } },
	...['mod', 'a'].map((m): ScriptStep => ({
		by: 'clerk',
		command: { type: 'attendance:check-in', memberId: m, mode: 'in-person' }
	})),
	{ by: 'mod', command: { type: 'meeting:open' } },
	{ by: 'mod', command: { type: 'agenda:item-start', itemId: 'i1' } }
];

describe('generated minutes', () => {
	it('[minutes:draft] a meeting still running is a draft without adjournment; untaken items say so', () => {
		const minutes = minutesOf(opened);
		expect(minutes.status).toBe('open');
		expect(minutes.adjournedAt).toBe(null);
		expect(minutes.items.map((i) => i.taken)).toEqual([true, false]);
	});

	it('[minutes:no-quorum] a vote closed after quorum was lost is recorded as undecided, not as failed', () => {
		const minutes = minutesOf([
			...opened,
			{ by: 'clerk', command: { type: 'attendance:check-in', memberId: 'b', mode: 'in-person' } },
			{
				by: 'a',
				command: { type: 'motion:propose', motionId: 'p', itemId: 'i1', text: 'Charge for parking.' }
			},
			{ by: 'mod', command: { type: 'vote:open', motionId: 'p' } },
			{ by: 'a', command: { type: 'ballot:cast', motionId: 'p', choice: 'yes' } },
			{ by: 'clerk', command: { type: 'attendance:leave', memberId: 'b' } },
			{ by: 'mod', command: { type: 'vote:close', motionId: 'p' } }
		]);
		const vote = minutes.items[0]!.motions[0]!.vote!;
		expect(vote.result).toBe('no-quorum');
		expect(vote.quorumAtOpen.met).toBe(true);
		expect(vote.quorumAtClose?.met).toBe(false);
		expect(minutes.decisions.map((d) => d.result)).toEqual(['no-quorum']);
		expect(minutes.attendance.departures.map((d) => d.name)).toEqual(['B']);
	});

	it('[minutes:withdrawn] a withdrawn motion is recorded with its text and no vote, and is no decision', () => {
		const minutes = minutesOf([
			...opened,
			{ by: 'clerk', command: { type: 'attendance:check-in', memberId: 'b', mode: 'remote' } },
			{
				by: 'a',
				command: { type: 'motion:propose', motionId: 'p', itemId: 'i1', text: 'Charge for parking.' }
			},
			{ by: 'a', command: { type: 'motion:withdraw', motionId: 'p' } }
		]);
		expect(minutes.items[0]!.motions[0]).toMatchObject({
			text: 'Charge for parking.',
			status: 'withdrawn',
			vote: null,
			mover: 'A'
		});
		expect(minutes.decisions).toEqual([]);
	});

	it('[minutes:roll-call] whoever arrives before business begins is not late, and quorum at the opening is as the roll call left it', () => {
		const checkIn = (memberId: string): ScriptStep => ({
			by: 'clerk',
			command: { type: 'attendance:check-in', memberId, mode: 'in-person' }
		});
		// Opened first, the roll taken in the first item, as the standard agenda has it.
		const rollCall: ScriptStep[] = [
			...opened.filter((s) => s.command.type !== 'attendance:check-in'),
			...['mod', 'a', 'b'].map(checkIn)
		];
		const minutes = minutesOf([
			...rollCall,
			{ by: 'mod', command: { type: 'agenda:item-start', itemId: 'i2' } },
			checkIn('c')
		]);
		expect(minutes.quorumAtOpening).toMatchObject({
			met: true,
			parts: [{ measure: 'headcount', present: 3 }]
		});
		expect(minutes.attendance.lateArrivals.map((x) => x.name)).toEqual(['C']);
		expect(minutes.quorumChanges).toEqual([]);

		// A vote opened during the first item ends the roll call too; a quorum change after it is listed.
		const voted = minutesOf([
			...opened,
			{
				by: 'a',
				command: { type: 'motion:propose', motionId: 'p', itemId: 'i1', text: 'Charge for parking.' }
			},
			checkIn('b'),
			{ by: 'mod', command: { type: 'vote:open', motionId: 'p' } },
			checkIn('c'),
			{ by: 'clerk', command: { type: 'attendance:leave', memberId: 'b' } },
			{ by: 'clerk', command: { type: 'attendance:leave', memberId: 'c' } }
		]);
		expect(voted.quorumAtOpening?.met).toBe(true);
		expect(voted.attendance.lateArrivals.map((x) => x.name)).toEqual(['C']);
		expect(voted.quorumChanges.map((q) => q.status.met)).toEqual([false]);

		// Quorum at the opening counts everyone the roll call found, not just those there when quorum
		// was first reached (the last quorum fact).
		const full = minutesOf([
			...rollCall,
			checkIn('c'),
			{ by: 'mod', command: { type: 'agenda:item-start', itemId: 'i2' } }
		]);
		expect(full.quorumAtOpening).toMatchObject({ met: true, parts: [{ measure: 'headcount', present: 4 }] });
		expect(full.attendance.lateArrivals).toEqual([]);

		// Opened with too few and nobody came during the first item: the minutes say quorum was missing.
		const thin = minutesOf(opened);
		expect(thin.quorumAtOpening?.met).toBe(false);
		expect(thin.attendance.lateArrivals).toEqual([]);
	});

	it('[minutes:by-constituency] the table by constituency adds up: members in none, and hands counted as totals, get rows of their own', () => {
		const grouped: RosterEntry[] = roster.map((r) => ({
			...r,
			constituency: r.memberId === 'a' ? '居民' : r.memberId === 'b' ? '物业' : null
		}));
		const { facts, refused } = runMeetingScript({
			roster: grouped,
			rules,
			startsAt: '2026-01-15T01:30:00.000Z',
			steps: [
				...opened,
				...['b', 'c'].map((m): ScriptStep => ({
					by: 'clerk',
					command: { type: 'attendance:check-in', memberId: m, mode: 'in-person' }
				})),
				{
					by: 'a',
					command: { type: 'motion:propose', motionId: 'p', itemId: 'i1', text: 'Charge for parking.' }
				},
				{ by: 'mod', command: { type: 'vote:open', motionId: 'p' } },
				{ by: 'a', command: { type: 'ballot:cast', motionId: 'p', choice: 'yes' } },
				{ by: 'b', command: { type: 'ballot:cast', motionId: 'p', choice: 'no' } },
				{ by: 'mod', command: { type: 'ballot:cast', motionId: 'p', choice: 'yes' } },
				{
					by: 'mod',
					command: { type: 'ballot:hand-count', motionId: 'p', counts: { yes: 1, no: 0, abstain: 0 } }
				},
				{ by: 'mod', command: { type: 'vote:close', motionId: 'p' } }
			]
		});
		expect(refused).toEqual([]);
		const vote = generateMinutes({ meetingId: 'm', header, facts }).items[0]!.motions[0]!.vote!;
		expect(vote.byConstituency).toEqual([
			{ constituency: '居民', counts: { yes: 1, no: 0, abstain: 0 } },
			{ constituency: '物业', counts: { yes: 0, no: 1, abstain: 0 } }
		]);
		expect(vote.ungrouped).toEqual({ yes: 1, no: 0, abstain: 0 });
		expect(vote.handTotals).toEqual({ yes: 1, no: 0, abstain: 0 });
		const rows = [...vote.byConstituency.map((g) => g.counts), vote.ungrouped!, vote.handTotals!];
		for (const o of ['yes', 'no', 'abstain'] as const)
			expect(rows.reduce((sum, c) => sum + c[o], 0)).toBe(vote.counts![o]);
	});

	it('[minutes:search] finds a keyword in either language, case folded, Chinese as typed', () => {
		const minutes = minutesOf(opened);
		const both = { zh: minutes, en: minutes };
		expect(searchMinutes(both, 'PARKING').map((h) => h.locale)).toEqual(['zh', 'en']);
		expect(searchMinutes(both, '法定人数').map((h) => h.locale)).toEqual(['zh']);
		expect(searchMinutes(both, '   ')).toEqual([]);
	});

	it('[minutes:punctuation] Chinese minutes use full-width colons and brackets, English ones half-width', () => {
		const minutes = minutesOf(opened);
		const zh = renderMarkdown(minutesDocument(minutes, 'zh'));
		expect(zh).toContain('- 开会时法定人数：未达到（人数 到会 2 / 共 4，需要 3）');
		expect(zh).toContain('- **主持人**：MOD');
		expect(zh).toContain('草稿：会议尚未结束');
		const en = renderMarkdown(minutesDocument(minutes, 'en'));
		expect(en).toContain('- **Chair**: MOD');
		expect(en).toMatch(/Quorum at the opening: not met \(/);
	});

	it('[minutes:search] snippets are plain text, each from one line of the minutes', () => {
		const minutes = minutesOf(opened);
		expect(searchMinutes({ zh: minutes, en: minutes }, 'MOD')).toEqual([
			{ locale: 'zh', snippets: ['主持人：MOD', '现场出席：MOD、A'] },
			{ locale: 'en', snippets: ['Chair: MOD', 'Present in person: MOD, A'] }
		]);
	});
});
