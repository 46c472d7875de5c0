import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedFact } from '../../domain/meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../../domain/meeting/meeting-state';
import { pacedAnnouncements, type PacingClock } from './announcement-pacing';

/** A clock the test moves by hand; timers run when it passes them. */
function manualClock() {
	let now = 0;
	let timers: { at: number; task: () => void; cancelled: boolean }[] = [];
	const clock: PacingClock = {
		now: () => now,
		later(ms, task) {
			const timer = { at: now + ms, task, cancelled: false };
			timers.push(timer);
			return () => (timer.cancelled = true);
		}
	};
	function advance(ms: number) {
		const until = now + ms;
		for (;;) {
			const due = timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			now = due.at;
			due.cancelled = true;
			due.task();
		}
		timers = timers.filter((t) => !t.cancelled);
		now = until;
	}
	return { clock, advance, pending: () => timers.filter((t) => !t.cancelled).length };
}

let seq = 0;
const turnout = (): RecordedFact =>
	({
		type: 'ballot:turnout',
		payload: { motionId: 'm', voterId: `v${++seq}`, castBy: `v${seq}`, via: 'remote' },
		seq,
		actorId: 'u',
		occurredAt: '2026-11-15T09:00:00.000Z'
	}) as RecordedFact;
/** A fact no screen should wait for (here the agenda moving on). */
const agendaMove = (): RecordedFact => ({
	type: 'agenda:item-start',
	payload: { itemId: 'i2' },
	seq: ++seq,
	actorId: 'u',
	occurredAt: '2026-11-15T09:00:00.000Z'
});
const stateAt = (s: number): MeetingState => ({ ...initialMeetingState, seq: s });

function recorder(gapMs: number) {
	const manual = manualClock();
	const heard: { meetingId: string; seqs: number[]; at: number; afterSeq: number }[] = [];
	const { announce, flushAll } = pacedAnnouncements(
		gapMs,
		(meetingId, facts, after) =>
			heard.push({ meetingId, seqs: facts.map((f) => f.seq), at: manual.clock.now(), afterSeq: after.seq }),
		manual.clock
	);
	const send = (meetingId: string, facts: RecordedFact[], more = false) =>
		announce(meetingId, facts, stateAt(facts.at(-1)!.seq), more);
	return { ...manual, heard, send, flushAll };
}

describe('paced announcements', () => {
	it('sends the first crowd batch at once and gathers the next ones until the gap ends', () => {
		const r = recorder(250);
		const [a, b, c] = [turnout(), turnout(), turnout()];
		r.send('m1', [a]);
		expect(r.heard.map((h) => h.seqs)).toEqual([[a.seq]]);
		r.advance(100);
		r.send('m1', [b]);
		r.advance(50);
		r.send('m1', [c]);
		expect(r.heard).toHaveLength(1);
		r.advance(100);
		expect(r.heard.map((h) => h.seqs)).toEqual([[a.seq], [b.seq, c.seq]]);
		expect(r.heard[1]).toMatchObject({ at: 250, afterSeq: c.seq });
		expect(r.pending()).toBe(0);
	});

	it('holds a crowd still arriving until it has passed, up to the hold, then goes on pacing', () => {
		const r = recorder(250);
		const [a, b, c, d] = [turnout(), turnout(), turnout(), turnout()];
		// More commands were waiting: even the first batch waits.
		r.send('m1', [a], true);
		r.advance(400);
		r.send('m1', [b], true);
		expect(r.heard).toHaveLength(0);
		// The crowd has passed: all of it goes at once (nothing was announced within the gap).
		r.send('m1', [c], false);
		expect(r.heard.map((h) => h.seqs)).toEqual([[a.seq, b.seq, c.seq]]);
		// A crowd that does not pass is still heard once the hold (four gaps) is over.
		r.advance(300);
		r.send('m1', [d], true);
		r.advance(999);
		expect(r.heard).toHaveLength(1);
		r.advance(1);
		expect(r.heard.map((h) => h.seqs)).toEqual([[a.seq, b.seq, c.seq], [d.seq]]);
		expect(r.heard[1]).toMatchObject({ at: 1700, afterSeq: d.seq });
		expect(r.pending()).toBe(0);
	});

	it('sends any other fact at once, with the crowd facts waiting before it', () => {
		const r = recorder(250);
		const [a, b] = [turnout(), turnout()];
		r.send('m1', [a]);
		r.send('m1', [b]);
		const next = agendaMove();
		r.send('m1', [next]);
		expect(r.heard.map((h) => h.seqs)).toEqual([[a.seq], [b.seq, next.seq]]);
		expect(r.pending()).toBe(0);
	});

	it('sends what it holds when the server closes, and leaves no timer behind', () => {
		const r = recorder(250);
		const [a, b] = [turnout(), turnout()];
		r.send('m1', [a]);
		r.send('m1', [b]);
		r.flushAll();
		expect(r.heard.map((h) => h.seqs)).toEqual([[a.seq], [b.seq]]);
		expect(r.pending()).toBe(0);
	});

	it('paces each meeting on its own', () => {
		const r = recorder(250);
		r.send('m1', [turnout()]);
		r.send('m2', [turnout()]);
		expect(r.heard.map((h) => h.meetingId)).toEqual(['m1', 'm2']);
	});

	it('property: every fact is announced once, in order; crowd announcements keep the gap', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						crowd: fc.boolean(),
						size: fc.integer({ min: 1, max: 3 }),
						pause: fc.nat(400),
						more: fc.boolean()
					}),
					{ maxLength: 40 }
				),
				(batches) => {
					const r = recorder(250);
					const sent: number[] = [];
					const crowdSeqs = new Set<number>();
					for (const b of batches) {
						const facts = Array.from({ length: b.size }, () => (b.crowd ? turnout() : agendaMove()));
						sent.push(...facts.map((f) => f.seq));
						if (b.crowd) facts.forEach((f) => crowdSeqs.add(f.seq));
						r.send('m', facts, b.more);
						r.advance(b.pause);
					}
					r.advance(1_000);
					expect(r.heard.flatMap((h) => h.seqs)).toEqual(sent);
					expect(r.pending()).toBe(0);
					for (const h of r.heard) expect(h.afterSeq).toBe(h.seqs.at(-1));
					// Two announcements closer than the gap: the later one carried a fact that cannot wait.
					r.heard.forEach((h, i) => {
						if (i === 0 || h.at - r.heard[i - 1]!.at >= 250) return;
						expect(h.seqs.some((s) => !crowdSeqs.has(s))).toBe(true);
					});
				}
			)
		);
	});
});
