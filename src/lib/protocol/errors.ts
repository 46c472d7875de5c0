import type { MeetingErrorCode } from '../domain/meeting/meeting-command';

/** Stable codes for every expected failure, shared by HTTP answers, socket acks and close reasons. */
export const ErrorCode = {
	unauthenticated: 'unauthenticated',
	forbidden: 'forbidden',
	notFound: 'not-found',
	invalidInput: 'invalid-input',
	lastModerator: 'last-moderator',
	alreadyMember: 'already-member',
	inviteInvalid: 'invite-invalid',
	inviteExpired: 'invite-expired',
	inviteUsed: 'invite-used',
	accessRevoked: 'access-revoked',
	seqConflict: 'seq-conflict',
	unavailable: 'unavailable',
	internal: 'internal'
} as const;

/** Also the meeting core's refusal codes, which reach clients unchanged in acknowledgements. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode] | MeetingErrorCode;

export interface ErrorBody {
	code: ErrorCode;
	message: string;
}

export type Ack<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
