import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedFact } from '../domain/meeting/meeting-events';
import type { RosterEntry } from '../domain/meeting/roster';
import { packFacts, unpackFacts } from './fact-packing';

const roster: RosterEntry[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
	memberId: `m-${id}`,
	userId: `u-${id}`,
	name: id,
	role: 'member',
	weightCents: 100,
	constituency: null
}));

type Step =
	| { kind: 'self'; voter: number; motion: string }
	| { kind: 'proxy'; voter: number; holder: number }
	| { kind: 'stranger' }
	| { kind: 'other' };

/** What one fact of a vote may be: a self-cast turnout, a proxy's, another motion's, or something else. */
const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({ kind: fc.constant('self' as const), voter: fc.nat(4), motion: fc.constantFrom('m1', 'm2') }),
	fc.record({ kind: fc.constant('proxy' as const), voter: fc.nat(4), holder: fc.nat(4) }),
	fc.record({ kind: fc.constant('stranger' as const) }),
	fc.record({ kind: fc.constant('other' as const) })
);

function facts(steps: Step[], batches: number[]): RecordedFact[] {
	return steps.map((s, i) => {
		const base = { seq: 100 + i, occurredAt: `2026-12-15T01:3${batches[i] ?? 0}:00.000Z` };
		switch (s.kind) {
			case 'self': {
				const v = roster[s.voter]!;
				return {
					...base,
					type: 'ballot:turnout',
					actorId: v.userId,
					payload: { motionId: s.motion, voterId: v.memberId, castBy: v.memberId, via: 'remote' }
				};
			}
			case 'proxy':
				return {
					...base,
					type: 'ballot:turnout',
					actorId: roster[s.holder]!.userId,
					payload: {
						motionId: 'm1',
						voterId: roster[s.voter]!.memberId,
						castBy: roster[s.holder]!.memberId,
						via: 'proxy'
					}
				};
			case 'stranger':
				return {
					...base,
					type: 'ballot:turnout',
					actorId: 'u-x',
					payload: { motionId: 'm1', voterId: 'm-x', castBy: 'm-x', via: 'remote' }
				};
			case 'other':
				return { ...base, type: 'speaker:floor-end', actorId: 'u-a', payload: {} };
		}
	}) as RecordedFact[];
}

describe('turnout packing', () => {
	it('unpacking gives back exactly the facts, whatever they are', () => {
		fc.assert(
			fc.property(
				fc.array(step, { maxLength: 40 }),
				fc.array(fc.nat(2), { maxLength: 40 }),
				(steps, batches) => {
					const original = facts(steps, batches);
					const wire = JSON.parse(JSON.stringify(packFacts(original, roster)));
					expect(unpackFacts(wire, roster)).toEqual(original);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('packs a vote’s self-cast turnout into one run of roster positions, a fraction of the size', () => {
		const original = facts(
			Array.from({ length: 5 }, (_, voter) => ({ kind: 'self' as const, voter, motion: 'm1' })),
			[]
		);
		const wire = packFacts(original, roster);
		expect(wire).toEqual([
			{
				type: 'ballot:turnout-run',
				motionId: 'm1',
				seq: 100,
				occurredAt: '2026-12-15T01:30:00.000Z',
				voters: [0, 1, 2, 3, 4]
			}
		]);
		expect(JSON.stringify(wire).length * 5).toBeLessThan(JSON.stringify(original).length);
	});

	it('leaves a batch that opens the meeting as it is, and a client without the roster cannot unpack', () => {
		const opening = {
			type: 'meeting:open',
			seq: 99,
			actorId: 'u-a',
			occurredAt: '2026-12-15T01:30:00.000Z',
			payload: { roster, rules: null }
		} as unknown as RecordedFact;
		const votes = facts(
			[0, 1].map((voter) => ({ kind: 'self' as const, voter, motion: 'm1' })),
			[]
		);
		expect(packFacts([opening, ...votes], roster)).toEqual([opening, ...votes]);
		expect(unpackFacts(packFacts(votes, roster), [])).toBe(null);
	});
});
