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
/** `more`: the meeting has further commands queued or being stored (a crowd still arriving). */
export type AnnounceWhile = (
	meetingId: string,
	facts: readonly RecordedFact[],
	after: MeetingState,
	more?: boolean
) => void;

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
	held: { facts: RecordedFact[]; after: MeetingState; since: number } | null;
	cancel: (() => void) | null;
	/** When the pending timer fires. */
	due: number;
}

/** Meetings remembered before the quiet ones are forgotten (a quiet meeting's pace is all default). */
const REMEMBERED = 1_000;

export interface PacedAnnouncements {
	announce: AnnounceWhile;
	/** Sends everything held now (before the server closes, so no timer fires after it). */
	flushAll(): void;
}

/**
 * Wraps `announce` so that a meeting's crowd facts go out at most once per `gapMs`, gathered:
 * the first batch of a crowd goes at once, the batches after it within the gap wait for its end
 * and go together. While more of the crowd is still being decided and stored, its facts wait for
 * it to pass, up to `holdMs`: the server's one thread then answers the senders first instead of
 * writing to every screen in the middle of it. Any other fact (an agenda move, a vote's close)
 * goes at once, taking whatever waits with it, so every screen still hears the log in order and
 * a result is never held back.
 */
export function pacedAnnouncements(
	gapMs: number,
	announce: Announce,
	clock: PacingClock = realClock,
	holdMs = 4 * gapMs
): PacedAnnouncements {
	const paces = new Map<string, Pace>();

	function flush(meetingId: string, pace: Pace) {
		pace.cancel?.();
		pace.cancel = null;
		pace.due = Number.POSITIVE_INFINITY;
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
		announce(meetingId, facts, after, more = false) {
			let pace = paces.get(meetingId);
			if (!pace) {
				if (paces.size >= REMEMBERED) forgetQuiet();
				pace = { last: Number.NEGATIVE_INFINITY, held: null, cancel: null, due: Number.POSITIVE_INFINITY };
				paces.set(meetingId, pace);
			}
			const now = clock.now();
			if (pace.held) {
				pace.held.facts.push(...facts);
				pace.held.after = after;
			} else pace.held = { facts: [...facts], after, since: now };
			const crowd = facts.every((f) => CROWD_FACTS.has(f.type));
			if (!crowd) return flush(meetingId, pace);
			const due = Math.max(pace.last + gapMs, more ? pace.held.since + holdMs : Number.NEGATIVE_INFINITY);
			if (due <= now) return flush(meetingId, pace);
			if (pace.cancel && pace.due === due) return;
			pace.cancel?.();
			const waiting = pace;
			pace.due = due;
			pace.cancel = clock.later(due - now, () => {
				waiting.cancel = null;
				flush(meetingId, waiting);
			});
		},
		flushAll() {
			for (const [meetingId, pace] of paces) flush(meetingId, pace);
		}
	};
}
