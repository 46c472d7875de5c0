import { describe, expect, it } from 'vitest';
import { DECISION_PRESETS } from '$lib/domain/voting/decision-rule';
import type { Motion, VoteRun } from '$lib/domain/voting/motion';
import { ballotCardId, readerBallots } from './awaiting';

const voter = (memberId: string, present = true) => ({
	memberId,
	weightCents: 100,
	constituency: null,
	present
});

function motion(id: string, vote: Partial<VoteRun> | null, recusals: Record<string, string> = {}): Motion {
	return {
		id,
		itemId: 'i1',
		kind: 'main',
		amends: null,
		documentAmendmentId: null,
		text: '停车收费方案',
		document: null,
		form: { kind: 'yes-no-abstain' },
		moverId: 'a',
		seconderId: 'b',
		status: vote ? 'voting' : 'seconded',
		proposedAt: '2026-11-23T12:00:00.000Z',
		recusals,
		outcome: null,
		vote: vote && {
			openedAt: '2026-11-23T12:05:00.000Z',
			secret: false,
			allowChange: true,
			hideRunningTally: false,
			ruleId: 'robert-majority',
			rule: DECISION_PRESETS['robert-majority'],
			voters: [voter('me'), voter('giver'), voter('away', false), voter('c')],
			quorumAtOpen: { met: true, parts: [] },
			turnout: {},
			ballots: {},
			handCount: null,
			...vote
		}
	};
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
