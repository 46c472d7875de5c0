import { describe, expect, it } from 'vitest';
import type { Motion, VoteRun } from '$lib/domain/voting/motion';
import { testMotion, testVoter } from './test-motion';
import { ballotCardId, readerBallots } from './awaiting';

function motion(id: string, vote: Partial<VoteRun> | null, recusals: Record<string, string> = {}): Motion {
	return testMotion({
		id,
		vote,
		recusals,
		voters: [testVoter('me'), testVoter('giver'), testVoter('away', false), testVoter('c')]
	});
}

const me = { userId: 'u', role: 'member' as const, memberId: 'me' };

describe('the ballots a reader is called to', () => {
	it('[vote:call] lists the reader’s own ballot and those of members whose proxy they hold, while not cast', () => {
		const state = { motions: [motion('m1', {})], proxies: { giver: 'me', c: 'someone-else' } };
		const { all, waiting } = readerBallots(state, me);
		expect(all).toEqual([
			{ motionId: 'm1', voterId: 'me' },
			{ motionId: 'm1', voterId: 'giver' }
		]);
		expect(waiting).toEqual(all);
		expect(ballotCardId(waiting[0]!)).toBe('ballot-card-m1-me');
	});

	it('[vote:call] a ballot cast (by anyone), or counted by a show of hands, no longer waits', () => {
		const state = {
			motions: [
				motion('m1', {
					turnout: { me: { castBy: 'me', via: 'remote' } },
					handCount: { counts: { yes: 1 }, voterIds: ['giver'] }
				})
			],
			proxies: { giver: 'me' }
		};
		const { all, waiting } = readerBallots(state, me);
		expect(all).toHaveLength(2);
		expect(waiting).toEqual([]);
	});

	it('[vote:call] nothing for a recused or absent member, a clerk, an observer, or when no vote is open', () => {
		expect(readerBallots({ motions: [motion('m1', {}, { me: '利害关系人' })], proxies: {} }, me).all).toEqual(
			[]
		);
		expect(
			readerBallots({ motions: [motion('m1', {})], proxies: {} }, { ...me, memberId: 'away' }).all
		).toEqual([]);
		expect(readerBallots({ motions: [motion('m1', {})], proxies: {} }, { ...me, role: 'clerk' }).all).toEqual(
			[]
		);
		expect(
			readerBallots({ motions: [motion('m1', {})], proxies: {} }, { ...me, role: 'observer' }).all
		).toEqual([]);
		expect(readerBallots({ motions: [motion('m1', null)], proxies: {} }, me).all).toEqual([]);
		expect(readerBallots({ motions: [motion('m1', {})], proxies: {} }, null).all).toEqual([]);
	});
});
