import { m } from '$lib/paraglide/messages.js';
import type { ErrorBody } from '$lib/protocol/errors';

/**
 * The server's refusal of a motion or ballot command, in the reader's language. Codes are stable;
 * the server's own message (English) is the fallback for anything not worded here.
 */
export function refusalText(error: ErrorBody): string {
	switch (error.code) {
		case 'no-quorum':
			return m.vote_refused_no_quorum();
		case 'second-required':
			return m.vote_refused_second_required();
		case 'amendment-pending':
			return m.vote_refused_amendment_pending();
		case 'vote-already-open':
			return m.vote_refused_vote_already_open();
		case 'already-voted':
			return m.vote_refused_already_voted();
		case 'counted-by-hand':
			return m.vote_refused_counted_by_hand();
		case 'proxy-lapsed':
			return m.vote_refused_proxy_lapsed();
		case 'not-eligible':
			return m.vote_refused_not_eligible();
		case 'recused':
			return m.vote_refused_recused();
		case 'vote-closed':
			return m.vote_refused_vote_closed();
		case 'vote-not-open':
			return m.vote_refused_vote_not_open();
		case 'motion-not-open':
			return m.vote_refused_motion_not_open();
		case 'invalid-choice':
			return m.vote_refused_invalid_choice();
		case 'unknown-receipt':
			return m.vote_refused_unknown_receipt();
		case 'hand-count-needs-roll-call':
			return m.vote_refused_hand_count_needs_roll_call();
		case 'not-present':
			return m.vote_refused_not_present();
		case 'forbidden':
			return m.vote_refused_forbidden();
		case 'unavailable':
			return m.error_unavailable();
		default:
			return m.meeting_refused({ reason: error.message });
	}
}
