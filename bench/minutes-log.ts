import type { MeetingCommand } from '../src/lib/domain/meeting/meeting-command';
import type { RecordedFact } from '../src/lib/domain/meeting/meeting-events';
import { QuorumPreset } from '../src/lib/domain/meeting/quorum';
import type { RosterEntry } from '../src/lib/domain/meeting/roster';
import { runMeetingScript, type ScriptStep } from '../src/lib/domain/minutes/meeting-script';
import { DEFAULT_VOTING_RULES } from '../src/lib/domain/voting/motion';

/**
 * A large meeting's record made by the real core: 200 members check in, and 25 agenda items each
 * carry two motions voted by everyone (every fourth one by secret ballot), until `events` facts.
 */
export function largeMeetingLog(events: number): RecordedFact[] {
	const roster: RosterEntry[] = Array.from({ length: 200 }, (_, i) => ({
		memberId: `m${i}`,
		userId: `u${i}`,
		name: `成员${i}`,
		role: i === 0 ? 'moderator' : i === 1 ? 'clerk' : 'member',
		weightCents: 100 + i,
		constituency: ['residents', 'property', 'merchants'][i % 3]!
	}));
	const voters = roster.filter((r) => r.role !== 'clerk');
	const steps: ScriptStep[] = [];
	const s = (by: string, command: MeetingCommand, receipt?: string) =>
		steps.push({ by, command, receipt, after: 0.05 });
	for (let i = 0; i < 25; i++) {
		s('m1', {
			type: 'agenda:item-add',
			itemId: `i${i}`,
			fields: {
				title: `议题 ${i}`,
				description: '',
				presenter: null,
				plannedMinutes: 10,
				kind: 'decision',
				documentId: null
			}
		});
	}
	for (const r of roster) s('m1', { type: 'attendance:check-in', memberId: r.memberId, mode: 'in-person' });
	s('m0', { type: 'meeting:open' });
	for (let i = 0; i < 25; i++) {
		s('m0', { type: 'agenda:item-start', itemId: `i${i}` });
		for (let k = 0; k < 2; k++) {
			const motionId = `mo${i}-${k}`;
			const secret = (i * 2 + k) % 4 === 3;
			s('m2', { type: 'motion:propose', motionId, itemId: `i${i}`, text: `动议 ${i}-${k}：同意方案。` });
			s('m3', { type: 'motion:second', motionId });
			s('m0', { type: 'vote:open', motionId, secret });
			voters.forEach((v, n) =>
				s(
					v.memberId,
					{ type: 'ballot:cast', motionId, choice: n % 5 === 0 ? 'no' : 'yes' },
					secret ? `r-${motionId}-${n}` : undefined
				)
			);
			s('m0', { type: 'vote:close', motionId });
		}
		s('m1', {
			type: 'task:create',
			taskId: `t${i}`,
			title: `跟进 ${i}`,
			ownerMemberId: `m${i + 2}`,
			ownerOrganisation: null,
			dueOn: '2026-12-15',
			itemId: `i${i}`,
			motionId: null
		});
	}
	s('m0', { type: 'meeting:adjourn' });
	const { facts, refused } = runMeetingScript({
		roster,
		rules: {
			quorum: QuorumPreset.majorityOfMembers,
			proxies: { allowed: false, maxPerHolder: 0 },
			voting: DEFAULT_VOTING_RULES
		},
		startsAt: '2026-11-15T01:30:00.000Z',
		steps
	});
	if (refused.length)
		throw new Error(`bench log refused ${refused.length} steps, first ${JSON.stringify(refused[0])}`);
	if (facts.length < events) throw new Error(`bench log has only ${facts.length} facts`);
	return facts.slice(0, events);
}
