/** One entry of a meeting's append-only record. `type` is noun:verb, e.g. `agenda:advance`. */
export interface MeetingEvent<P = unknown> {
	meetingId: string;
	seq: number;
	type: string;
	payload: P;
	actorId: string | null;
	occurredAt: string;
	commandId: string | null;
	hash: string;
}

export type NewMeetingEvent = Pick<MeetingEvent, 'type' | 'payload' | 'actorId'>;

/** The exact text that is hashed for an event, chained to the previous event's hash. */
export function hashInput(
	prevHash: string,
	e: Omit<MeetingEvent, 'hash'>,
	canonical: (v: unknown) => string
): string {
	return [
		prevHash,
		e.meetingId,
		String(e.seq),
		e.type,
		canonical(e.payload),
		e.actorId ?? '',
		e.occurredAt,
		e.commandId ?? ''
	].join('\n');
}

/** The hash that stands before seq 1. */
export const GENESIS_HASH = '0'.repeat(64);
