import { fail, ok, type Result } from '../result';

export const INVITE_VALID_DAYS = 14;

export type InviteProblem = 'invite-invalid' | 'invite-expired' | 'invite-used' | 'access-revoked';

export interface InviteFacts {
	found: boolean;
	expiresAt: Date | null;
	usedAt: Date | null;
	memberRevoked: boolean;
}

/** Whether an invite link may sign its member in now; the order gives the most useful message. */
export function checkInvite(facts: InviteFacts, now: Date): Result<true, InviteProblem> {
	if (!facts.found || !facts.expiresAt) return fail('invite-invalid', 'This invite link is not valid.');
	if (facts.usedAt) return fail('invite-used', 'This invite link has already been used.');
	if (facts.expiresAt.getTime() <= now.getTime()) {
		return fail('invite-expired', 'This invite link has expired.');
	}
	if (facts.memberRevoked) return fail('access-revoked', 'Your access to this council was withdrawn.');
	return ok(true);
}

export function inviteExpiry(now: Date): Date {
	return new Date(now.getTime() + INVITE_VALID_DAYS * 86_400_000);
}
