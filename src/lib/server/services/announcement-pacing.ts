import type { RecordedFact } from '../../domain/meeting/meeting-events';
import type { MeetingState } from '../../domain/meeting/meeting-state';

/**
 * Facts that arrive in crowds, one per person (2,000 ballots within a second, a hall checking in
 * at the door), and that screens show as counts: turnout, attendance. A count a quarter of a second
 * behind is not noticed, while each extra broadcast costs one write per screen on the server and a
 * parse on every device.
 */
const CROWD_FACTS: ReadonlySet<RecordedFact['type']> = new Set([
	'ballot:turnout',
	'ballot:cast',
	'attendance:check-in',
	'attendance:leave'
]);

export type Announce = (meetingId: string, facts: readonly RecordedFact[], after: MeetingState) => void;

export interface PacingClock {
	now(): number;
	/** Runs `task` after `ms`; the returned function cancels it. */
	later(ms: number, task: () => void): () => void;
}

export const realClock: PacingClock = {
	now: () => performance.now(),
	later: (ms, task) => {
		const timer = setTimeout(task, ms);
		return () => clearTimeout(timer);
	}
};

interface Pace {
	/** When this meeting was last announced to. */
	last: number;
	held: { facts: RecordedFact[]; after: MeetingState } | null;
	cancel: (() => void) | null;
}

/** Meetings remembered before the quiet ones are forgotten (a quiet meeting's pace is all default). */
const REMEMBERED = 1_000;

export interface PacedAnnouncements {
	announce: Announce;
	/** Sends everything held now (before the server closes, so no timer fires after it). */
	flushAll(): void;
}

/**
 * Wraps `announce` so that a meeting's crowd facts go out at most once per `gapMs`, gathered:
 * the first batch of a crowd goes at once, the batches after it within the gap wait for its end
 * and go together. Any other fact (an agenda move, a vote's close) goes at once, taking whatever
 * waits with it, so every screen still hears the log in order and a result is never held back.
 */
export function pacedAnnouncements(
	gapMs: number,
	announce: Announce,
	clock: PacingClock = realClock
): PacedAnnouncements {
	const paces = new Map<string, Pace>();

	function flush(meetingId: string, pace: Pace) {
		pace.cancel?.();
		pace.cancel = null;
		const held = pace.held;
		if (!held) return;
		pace.held = null;
		pace.last = clock.now();
		announce(meetingId, held.facts, held.after);
	}

	function forgetQuiet() {
		const quietSince = clock.now() - gapMs;
		for (const [id, pace] of paces) if (!pace.held && pace.last <= quietSince) paces.delete(id);
	}

	return {
		announce(meetingId, facts, after) {
			let pace = paces.get(meetingId);
			if (!pace) {
				if (paces.size >= REMEMBERED) forgetQuiet();
				pace = { last: Number.NEGATIVE_INFINITY, held: null, cancel: null };
				paces.set(meetingId, pace);
			}
			if (pace.held) {
				pace.held.facts.push(...facts);
				pace.held.after = after;
			} else pace.held = { facts: [...facts], after };
			const wait = pace.last + gapMs - clock.now();
			const crowd = facts.every((f) => CROWD_FACTS.has(f.type));
			if (!crowd || wait <= 0) return flush(meetingId, pace);
			const waiting = pace;
			pace.cancel ??= clock.later(wait, () => {
				waiting.cancel = null;
				flush(meetingId, waiting);
			});
		},
		flushAll() {
			for (const [meetingId, pace] of paces) flush(meetingId, pace);
		}
	};
}
