import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldMeeting } from '$lib/domain/meeting/evolve';
import type { RecordedFact } from '$lib/domain/meeting/meeting-events';
import { initialMeetingState } from '$lib/domain/meeting/meeting-state';
import { foldInOrder, foldOwn, type EarlyFacts } from './fact-order';

const checkIn = (seq: number, mode: 'remote' | 'in-person' = 'remote'): RecordedFact => ({
	type: 'attendance:check-in',
	payload: { memberId: `m${seq}`, mode },
	seq,
	actorId: `u${seq}`,
	occurredAt: '2026-11-15T09:00:00.000Z'
});
const facts = (n: number) => Array.from({ length: n }, (_, i) => checkIn(i + 1));

describe('facts heard by two paths', () => {
	it('holds own facts ahead of the state until the broadcast reaches them, then prefers them', () => {
		const early: EarlyFacts = new Map();
		// The sender's copy says more than the room's (as its own choice would in a hidden vote).
		const mine = checkIn(3, 'in-person');
		const own = foldOwn(initialMeetingState, [mine], early);
		expect(own).toMatchObject({ waiting: true, state: { seq: 0 } });

		const heard = foldInOrder(own.state, facts(4), early);
		expect(heard.gap).toBe(false);
		expect(heard.state.seq).toBe(4);
		expect(heard.state.attendance['m3']?.mode).toBe('in-person');
		expect(early.size).toBe(0);
	});

	it('folds own facts at once when nothing comes between', () => {
		const early: EarlyFacts = new Map();
		const own = foldOwn(foldMeeting(facts(2), initialMeetingState), [checkIn(3)], early);
		expect(own).toMatchObject({ waiting: false, state: { seq: 3 } });
	});

	it('reports a gap in what the broadcast brings, keeping what came before it', () => {
		const heard = foldInOrder(initialMeetingState, [checkIn(1), checkIn(3)], new Map());
		expect(heard).toMatchObject({ gap: true, state: { seq: 1 } });
	});

	it('property: acknowledgements arriving ahead of the broadcast change nothing but the order of arrival', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 40 }).chain((n) =>
					fc.record({
						n: fc.constant(n),
						// Where the broadcasts are cut, and which facts are this screen's own.
						cuts: fc.uniqueArray(fc.integer({ min: 1, max: n }), { maxLength: 8 }),
						own: fc.uniqueArray(fc.integer({ min: 1, max: n }), { maxLength: n })
					})
				),
				({ n, cuts, own }) => {
					const all = facts(n);
					const bounds = [0, ...[...cuts].sort((a, b) => a - b).filter((c) => c < n), n];
					const early: EarlyFacts = new Map();
					let state = initialMeetingState;
					for (let i = 1; i < bounds.length; i++) {
						const chunk = all.slice(bounds[i - 1], bounds[i]);
						// The acknowledgements of own facts in this chunk arrive before it.
						for (const f of chunk.filter((f) => own.includes(f.seq))) {
							state = foldOwn(state, [f], early).state;
						}
						const heard = foldInOrder(state, chunk, early);
						expect(heard.gap).toBe(false);
						state = heard.state;
					}
					expect(state).toEqual(foldMeeting(all, initialMeetingState));
					expect(early.size).toBe(0);
				}
			)
		);
	});
});
