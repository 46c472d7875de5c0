import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/log/canonical-json';
import { GENESIS_HASH, hashInput, type MeetingEvent } from '../../domain/log/meeting-event';

export function eventHash(prevHash: string, e: Omit<MeetingEvent, 'hash'>): string {
	return createHash('sha256')
		.update(hashInput(prevHash, e, canonicalJson))
		.digest('hex');
}

/** Walks the chain; returns the first seq whose stored hash does not match, or null if intact. */
export function firstBrokenSeq(events: readonly MeetingEvent[]): number | null {
	let prev = GENESIS_HASH;
	let expectedSeq = 1;
	for (const e of events) {
		if (e.seq !== expectedSeq || eventHash(prev, e) !== e.hash) return e.seq;
		prev = e.hash;
		expectedSeq += 1;
	}
	return null;
}
