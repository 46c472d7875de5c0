import { describe, expect, it } from 'vitest';
import type { RecordedFact } from '../domain/meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../domain/meeting/meeting-state';
import type { Motion, VoteRun } from '../domain/voting/motion';
import { factForWire, hiddenVotes, snapshotForWire } from './wire-view';

const at = { actorId: 'u-a', occurredAt: '2026-12-15T01:30:00.000Z' };
const receipts = [{ tag: 'ab'.repeat(32), choice: 'yes' as const, weightCents: 100, constituency: null }];
const cast = (motionId: string, voterId: string, via: 'remote' | 'proxy' | 'roll-call', seq: number) =>
	({
		...at,
		seq,
		type: 'ballot:cast',
		payload: { motionId, voterId, castBy: voterId, via, choice: 'no', receiptTag: null }
	}) as RecordedFact;

function motion(id: string, vote: Partial<VoteRun>, status: Motion['status'] = 'voting'): Motion {
	return {
		id,
		status,
		outcome: status === 'closed' ? ({ receipts } as unknown as Motion['outcome']) : null,
		vote: { secret: false, hideRunningTally: false, ballots: {}, turnout: {}, ...vote } as VoteRun
	} as Motion;
}

describe('what the socket withholds', () => {
	it('sends a close without its published ballots, leaving the record’s fact as it was', () => {
		const close = {
			...at,
			seq: 7,
			type: 'vote:close',
			payload: { motionId: 'm1', receipts }
		} as unknown as RecordedFact;
		expect(factForWire(close, new Set())).toMatchObject({ payload: { motionId: 'm1', receipts: [] } });
		expect((close as Extract<RecordedFact, { type: 'vote:close' }>).payload.receipts).toBe(receipts);
	});

	it('sends a hidden open vote’s ballots as turnout, except roll calls; others as they are', () => {
		const hidden = new Set(['m1']);
		expect(factForWire(cast('m1', 'a', 'remote', 1), hidden)).toEqual({
			...at,
			seq: 1,
			type: 'ballot:turnout',
			payload: { motionId: 'm1', voterId: 'a', castBy: 'a', via: 'remote' }
		});
		expect(factForWire(cast('m1', 'b', 'proxy', 2), hidden).type).toBe('ballot:turnout');
		expect(factForWire(cast('m1', 'c', 'roll-call', 3), hidden)).toEqual(cast('m1', 'c', 'roll-call', 3));
		expect(factForWire(cast('m2', 'a', 'remote', 4), hidden)).toEqual(cast('m2', 'a', 'remote', 4));
	});

	it('hides while voting in snapshots and catch-ups, and in live facts through the close', () => {
		const ballot = (voterId: string, via: 'remote' | 'roll-call') => ({
			voterId,
			castBy: voterId,
			via,
			choice: 'yes' as const,
			receiptTag: null,
			castAt: at.occurredAt
		});
		const state: MeetingState = {
			...initialMeetingState,
			motions: [
				motion('open-hidden', {
					hideRunningTally: true,
					ballots: { a: ballot('a', 'remote'), c: ballot('c', 'roll-call') }
				}),
				motion('closed-hidden', { hideRunningTally: true, ballots: { a: ballot('a', 'remote') } }, 'closed'),
				motion('shown', { ballots: { a: ballot('a', 'remote') } }),
				motion('secret', { secret: true, hideRunningTally: true })
			]
		};
		expect([...hiddenVotes(state, 'live')]).toEqual(['open-hidden', 'closed-hidden']);
		expect([...hiddenVotes(state, 'still-voting')]).toEqual(['open-hidden']);
		const sent = snapshotForWire(state).motions;
		expect(Object.keys(sent[0]!.vote!.ballots)).toEqual(['c']);
		expect(Object.keys(sent[1]!.vote!.ballots)).toEqual(['a']);
		expect(sent[1]!.outcome!.receipts).toEqual([]);
		expect(sent[2]).toBe(state.motions[2]);
		expect(Object.keys(state.motions[0]!.vote!.ballots)).toEqual(['a', 'c']);
	});
});
