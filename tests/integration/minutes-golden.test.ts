import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { generateMinutes } from '../../src/lib/domain/minutes/generate-minutes';
import { minutesDocument } from '../../src/lib/domain/minutes/minutes-document';
import { toPopolo } from '../../src/lib/domain/minutes/popolo';
import { renderMarkdown } from '../../src/lib/domain/minutes/render-markdown';
import { runMeetingScript } from '../../src/lib/domain/minutes/meeting-script';
import { QuorumPreset } from '../../src/lib/domain/meeting/quorum';
import { DEFAULT_VOTING_RULES } from '../../src/lib/domain/voting/motion';
import { jinghuJune, jinghuMay, jointQuarterly, jointRoster } from '../fixtures/minutes/scripted-meetings';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/minutes/${name}`, import.meta.url));
/** `UPDATE_GOLDEN=1` rewrites the fixtures; review the diff before committing it. */
const update = process.env.UPDATE_GOLDEN === '1';

function matchesGolden(name: string, actual: string) {
	if (update) writeFileSync(fixture(name), actual);
	expect(actual).toBe(readFileSync(fixture(name), 'utf8'));
}

const schema = JSON.parse(
	readFileSync(new URL('../../docs/minutes-popolo.schema.json', import.meta.url), 'utf8')
);
const validate = new Ajv({ allErrors: true }).compile(schema);

const meetings = {
	'jinghu-2019-05': jinghuMay,
	'jinghu-2019-06': jinghuJune,
	'joint-2026-03': jointQuarterly
};

describe('generated minutes match the reviewed fixtures', () => {
	for (const [name, script] of Object.entries(meetings)) {
		const minutes = generateMinutes(script());
		for (const locale of ['zh', 'en'] as const) {
			it(`[minutes:golden] ${name} in ${locale} (Markdown)`, () => {
				matchesGolden(`${name}.${locale}.md`, renderMarkdown(minutesDocument(minutes, locale)));
			});
		}
		it(`[minutes:popolo] ${name} as Popolo JSON, valid against the schema`, () => {
			const popolo = toPopolo(minutes);
			const ok = validate(popolo);
			expect(validate.errors ?? []).toEqual([]);
			expect(ok).toBe(true);
			matchesGolden(`${name}.popolo.json`, JSON.stringify(popolo, null, '\t') + '\n');
		});
	}
});

describe('what the minutes say', () => {
	it('[minutes:loop] May creates the truck task; June shows it as a matter arising, done', () => {
		const may = generateMinutes(jinghuMay());
		expect(may.tasksCreated).toMatchObject([
			{ title: '与物业协商集装箱卡车进出和停放规则', owner: '孙卫东', status: 'open' }
		]);
		const june = generateMinutes(jinghuJune());
		expect(june.mattersArising).toMatchObject([{ taskId: 'task-truck', status: 'done' }]);
		expect(renderMarkdown(minutesDocument(june, 'zh'))).toContain('问题已解决');
	});

	it('[minutes:secret] a secret ballot exports counts and turnout, never who chose what', () => {
		const june = generateMinutes(jinghuJune());
		const vote = june.items[1]!.motions[0]!.vote!;
		expect(vote.secret).toBe(true);
		expect(vote.counts).toEqual({ yes: 5, no: 0, abstain: 1 });
		expect(vote.ballots).toEqual([]);
		const popolo = toPopolo(june);
		expect(popolo.vote_events[0]!.votes).toEqual([]);
		// The one abstainer (胡宝康) is named as taking part, but no export puts them beside a choice.
		for (const text of [renderMarkdown(minutesDocument(june, 'zh')), JSON.stringify(popolo)]) {
			expect(text).not.toMatch(/胡宝康[^\n]{0,20}(弃权|abstain)/);
			expect(text).not.toContain('receipt');
		}
	});

	it('[minutes:attendance] in person, online, by proxy, absent, late and departed, with quorum at the opening', () => {
		const { attendance, quorumAtOpening } = generateMinutes(jinghuMay());
		expect(attendance.inPerson.map((p) => p.name)).toEqual(['王德福', '方小敏', '孙卫东', '陈阿根']);
		expect(attendance.remote.map((p) => p.name)).toEqual(['林海生']);
		expect(attendance.byProxy).toMatchObject([{ name: '郑桂芳', holder: '孙卫东' }]);
		expect(attendance.absent.map((p) => p.name)).toEqual(['胡宝康']);
		expect(attendance.lateArrivals.map((p) => p.name)).toEqual(['林海生']);
		expect(attendance.departures.map((p) => p.name)).toEqual(['陈阿根']);
		expect(quorumAtOpening?.met).toBe(true);
	});

	it('[minutes:secret] a secret yes/no vote gives no counts by constituency (one merchant alone would be named)', () => {
		const { facts, refused } = runMeetingScript({
			roster: jointRoster,
			rules: {
				quorum: QuorumPreset.majorityOfMembers,
				proxies: { allowed: false, maxPerHolder: 0 },
				voting: DEFAULT_VOTING_RULES
			},
			startsAt: '2026-03-20T06:50:00.000Z',
			steps: [
				{
					by: 'qin',
					command: {
						type: 'agenda:item-add',
						itemId: 'x',
						fields: {
							title: 'Fee',
							description: '',
							presenter: null,
							plannedMinutes: 5,
							kind: 'decision',
							documentId: null
						}
					}
				},
				...['huang', 'liang', 'wei', 'luo'].map((m) => ({
					by: 'qin',
					command: { type: 'attendance:check-in' as const, memberId: m, mode: 'in-person' as const }
				})),
				{ by: 'huang', command: { type: 'meeting:open' } },
				{
					by: 'luo',
					command: { type: 'motion:propose', motionId: 'f', itemId: 'x', text: 'Adopt the fee.' }
				},
				{ by: 'huang', command: { type: 'vote:open', motionId: 'f', secret: true } },
				...(['huang', 'liang', 'wei', 'luo'] as const).map((m) => ({
					by: m,
					command: {
						type: 'ballot:cast' as const,
						motionId: 'f',
						choice: m === 'wei' ? ('no' as const) : ('yes' as const)
					},
					receipt: `t-${m}`
				})),
				{ by: 'huang', command: { type: 'vote:close', motionId: 'f' } }
			]
		});
		expect(refused).toEqual([]);
		const minutes = generateMinutes({ meetingId: 's', header: jointQuarterly().header, facts });
		const vote = minutes.items[0]!.motions[0]!.vote!;
		expect(vote.counts).toEqual({ yes: 3, no: 1, abstain: 0 });
		expect(vote.byConstituency).toEqual([]);
		expect(toPopolo(minutes).vote_events[0]!.group_results).toEqual([]);
		expect(renderMarkdown(minutesDocument(minutes, 'en'))).not.toMatch(/merchants/);
	});
});
