import { describe, expect, it } from 'vitest';
import type { Motion, VoteRun } from '$lib/domain/voting/motion';
import { testMotion, testVoter } from './test-motion';
import { focusMotion } from './focus';
import { runningCounts, turnoutOf } from './turnout';

function motion(vote: Partial<VoteRun>, recusals: Record<string, string> = {}): Motion & { vote: VoteRun } {
	const voters = [
		testVoter('a'),
		testVoter('b'),
		testVoter('c'),
		testVoter('d'),
		testVoter('e'),
		testVoter('f', false)
	];
	return testMotion({ vote, recusals, voters }) as Motion & { vote: VoteRun };
}

const ballot = (
	voterId: string,
	choice: 'yes' | 'no' | 'abstain',
	via: 'remote' | 'roll-call' | 'proxy' = 'remote'
) => ({
	voterId,
	castBy: voterId,
	via,
	choice,
	receiptTag: null,
	castAt: '2026-11-23T12:06:00.000Z'
});

describe('live turnout', () => {
	it('[vote:turnout] counts who voted by channel, out of those present and not recused', () => {
		const m = motion(
			{
				turnout: {
					a: { castBy: 'a', via: 'remote' },
					b: { castBy: 'a', via: 'proxy' },
					c: { castBy: 'x', via: 'roll-call' }
				},
				handCount: { counts: { yes: 1, no: 0, abstain: 0 }, voterIds: ['d'] }
			},
			{ e: 'owns a parking space' }
		);
		expect(turnoutOf(m)).toEqual({
			eligible: 4,
			voted: 4,
			byVia: { remote: 1, 'roll-call': 1, proxy: 1 },
			byHand: 1
		});
	});

	it('[vote:turnout] the running tally of an open vote adds hand totals to named ballots and leaves out recusals', () => {
		const m = motion(
			{
				ballots: { a: ballot('a', 'yes'), b: ballot('b', 'no', 'roll-call'), e: ballot('e', 'yes') },
				handCount: { counts: { yes: 2, no: 0, abstain: 1 }, voterIds: ['c', 'd'] }
			},
			{ e: 'recused after voting was recorded' }
		);
		expect(runningCounts(m)).toEqual({ yes: 3, no: 1, abstain: 1 });
	});

	it('[vote:focus] the projector shows the vote in progress, else the motion on the current item that changed last', () => {
		const open = motion({});
		const older = { ...open, id: 'm0', status: 'closed' as const };
		const draft = {
			...open,
			id: 'm2',
			status: 'draft' as const,
			vote: null,
			proposedAt: '2026-11-23T12:10:00.000Z'
		};
		expect(focusMotion({ motions: [older, open, draft], currentItemId: 'i1' })?.id).toBe('m1');
		expect(focusMotion({ motions: [older, draft], currentItemId: 'i1' })?.id).toBe('m2');
		expect(
			focusMotion({ motions: [older, { ...draft, status: 'withdrawn' as const }], currentItemId: 'i1' })?.id
		).toBe('m0');
		expect(focusMotion({ motions: [older], currentItemId: 'i2' })).toBeNull();
		// A main motion decided after its amendment shows its own result, though proposed first.
		const decided = (id: string, proposedAt: string, closedAt: string) => ({
			...open,
			id,
			status: 'closed' as const,
			proposedAt,
			outcome: {
				result: 'carried' as const,
				closedAt,
				quorumAtClose: { met: true, parts: [] },
				tally: null,
				election: null,
				receipts: []
			}
		});
		const main = decided('main', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z');
		const amendment = decided('amendment', '2026-11-23T12:05:00.000Z', '2026-11-23T12:20:00.000Z');
		expect(focusMotion({ motions: [main, amendment], currentItemId: 'i1' })?.id).toBe('main');
	});
});
