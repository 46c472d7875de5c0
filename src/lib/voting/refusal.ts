import { m } from '$lib/paraglide/messages.js';
import type { ErrorBody, ErrorCode } from '$lib/protocol/errors';

type Locale = 'zh' | 'en';
type Wording = (options: { locale?: Locale }) => string;

/**
 * Every code the server may refuse with has its own sentence: a record (not a switch) so that a new
 * code does not compile until it is worded, instead of reaching a Chinese page in English.
 */
const WORDING: Record<ErrorCode, Wording> = {
	'no-quorum': (o) => m.vote_refused_no_quorum({}, o),
	'second-required': (o) => m.vote_refused_second_required({}, o),
	'amendment-pending': (o) => m.vote_refused_amendment_pending({}, o),
	'vote-already-open': (o) => m.vote_refused_vote_already_open({}, o),
	'already-voted': (o) => m.vote_refused_already_voted({}, o),
	'counted-by-hand': (o) => m.vote_refused_counted_by_hand({}, o),
	'proxy-lapsed': (o) => m.vote_refused_proxy_lapsed({}, o),
	'not-eligible': (o) => m.vote_refused_not_eligible({}, o),
	recused: (o) => m.vote_refused_recused({}, o),
	'vote-closed': (o) => m.vote_refused_vote_closed({}, o),
	'vote-not-open': (o) => m.vote_refused_vote_not_open({}, o),
	'motion-not-open': (o) => m.vote_refused_motion_not_open({}, o),
	'invalid-choice': (o) => m.vote_refused_invalid_choice({}, o),
	'unknown-receipt': (o) => m.vote_refused_unknown_receipt({}, o),
	'hand-count-needs-roll-call': (o) => m.vote_refused_hand_count_needs_roll_call({}, o),
	'not-present': (o) => m.vote_refused_not_present({}, o),
	forbidden: (o) => m.vote_refused_forbidden({}, o),
	'invalid-input': (o) => m.meeting_refused_invalid_input({}, o),
	'meeting-not-open': (o) => m.meeting_refused_meeting_not_open({}, o),
	'meeting-adjourned': (o) => m.meeting_refused_meeting_adjourned({}, o),
	'meeting-already-open': (o) => m.meeting_refused_meeting_already_open({}, o),
	'proxies-not-allowed': (o) => m.meeting_refused_proxies_not_allowed({}, o),
	'proxy-limit': (o) => m.meeting_refused_proxy_limit({}, o),
	'no-such-item': (o) => m.meeting_refused_no_such_item({}, o),
	'no-such-member': (o) => m.meeting_refused_no_such_member({}, o),
	'item-already-started': (o) => m.meeting_refused_item_already_started({}, o),
	'no-such-motion': (o) => m.meeting_refused_no_such_motion({}, o),
	unauthenticated: (o) => m.meeting_refused_unauthenticated({}, o),
	'not-found': (o) => m.error_not_found({}, o),
	'last-moderator': (o) => m.error_last_moderator({}, o),
	'already-member': (o) => m.error_already_member({}, o),
	'invite-invalid': (o) => m.error_invite_invalid({}, o),
	'invite-expired': (o) => m.error_invite_expired({}, o),
	'invite-used': (o) => m.error_invite_used({}, o),
	'access-revoked': (o) => m.error_access_revoked({}, o),
	'seq-conflict': (o) => m.meeting_refused_seq_conflict({}, o),
	unavailable: (o) => m.error_unavailable({}, o),
	internal: (o) => m.error_internal({}, o)
};

/**
 * The server's refusal of a meeting command, in the reader's language. Codes are stable; the
 * server's own message (English) is kept only for a code this client does not know yet (a newer
 * server during a deploy).
 */
export function refusalText(error: ErrorBody, locale?: Locale): string {
	const wording = Object.hasOwn(WORDING, error.code) ? WORDING[error.code] : undefined;
	return wording ? wording({ locale }) : m.meeting_refused({ reason: error.message }, { locale });
}
