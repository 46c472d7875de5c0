import type { Choice } from '$lib/domain/voting/motion';
import { newReceiptCode } from './receipt';

/** What this device remembers of a ballot it cast: the receipt, and the choice (secret votes show it nowhere else). */
export interface KeptBallot {
	code: string;
	choice: Choice | null;
}

const key = (meetingId: string, motionId: string, voterId: string) =>
	`yishi.receipt.${meetingId}.${motionId}.${voterId}`;

export function keptBallot(meetingId: string, motionId: string, voterId: string): KeptBallot | null {
	try {
		const raw = localStorage.getItem(key(meetingId, motionId, voterId));
		if (!raw) return null;
		const parsed = JSON.parse(raw) as Partial<KeptBallot>;
		return typeof parsed.code === 'string' ? { code: parsed.code, choice: parsed.choice ?? null } : null;
	} catch {
		return null;
	}
}

/** The receipt this device uses for this voter on this motion, made once and then reused for every cast. */
export function receiptFor(meetingId: string, motionId: string, voterId: string): string {
	const kept = keptBallot(meetingId, motionId, voterId);
	if (kept) return kept.code;
	const code = newReceiptCode();
	keep(meetingId, motionId, voterId, { code, choice: null });
	return code;
}

export function keep(meetingId: string, motionId: string, voterId: string, ballot: KeptBallot) {
	try {
		localStorage.setItem(key(meetingId, motionId, voterId), JSON.stringify(ballot));
	} catch {
		// Private browsing may refuse storage: the receipt is still shown, to be written down.
	}
}
