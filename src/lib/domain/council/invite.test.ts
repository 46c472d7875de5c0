import { describe, expect, it } from 'vitest';
import { checkInvite, INVITE_VALID_DAYS, inviteExpiry, type InviteFacts } from './invite';

const now = new Date('2026-11-23T08:00:00.000Z');
const later = new Date(now.getTime() + 86_400_000);
const earlier = new Date(now.getTime() - 86_400_000);
const valid: InviteFacts = { found: true, expiresAt: later, usedAt: null, memberRevoked: false };

const codeOf = (facts: Partial<InviteFacts>, at = now) => {
	const result = checkInvite({ ...valid, ...facts }, at);
	return result.ok ? 'ok' : result.error.code;
};

describe('invite link', () => {
	it('[invite:valid] an unused, unexpired invite of an active member may sign in', () => {
		expect(checkInvite(valid, now)).toEqual({ ok: true, value: true });
	});

	it('[invite:single-use] a used invite is refused', () => {
		expect(codeOf({ usedAt: earlier })).toBe('invite-used');
	});

	it('[invite:revoked] an invite of a revoked member is refused', () => {
		expect(codeOf({ memberRevoked: true })).toBe('access-revoked');
	});

	it('[invite:invalid] an unknown invite, or one without an expiry, is invalid', () => {
		expect(codeOf({ found: false })).toBe('invite-invalid');
		expect(codeOf({ expiresAt: null })).toBe('invite-invalid');
	});

	it('[invite:expiry] an invite expires at exactly its expiry instant', () => {
		const expiresAt = new Date('2026-12-07T08:00:00.000Z');
		expect(codeOf({ expiresAt }, new Date(expiresAt.getTime() - 1))).toBe('ok');
		expect(codeOf({ expiresAt }, expiresAt)).toBe('invite-expired');
		expect(codeOf({ expiresAt }, new Date(expiresAt.getTime() + 1))).toBe('invite-expired');
	});

	it('[invite:expiry] invites are valid for 14 days from their creation', () => {
		expect(INVITE_VALID_DAYS).toBe(14);
		expect(inviteExpiry(now).toISOString()).toBe('2026-12-07T08:00:00.000Z');
	});

	/** Most useful message first: invalid, then used, then expired, then revoked. */
	it.each([
		[{ found: false, usedAt: earlier, expiresAt: earlier, memberRevoked: true }, 'invite-invalid'],
		[{ expiresAt: null, usedAt: earlier, memberRevoked: true }, 'invite-invalid'],
		[{ usedAt: earlier, expiresAt: earlier, memberRevoked: true }, 'invite-used'],
		[{ usedAt: earlier, expiresAt: earlier }, 'invite-used'],
		[{ usedAt: earlier, memberRevoked: true }, 'invite-used'],
		[{ expiresAt: earlier, memberRevoked: true }, 'invite-expired']
	] as [Partial<InviteFacts>, string][])('[invite:precedence] %j → %s', (facts, code) => {
		expect(codeOf(facts)).toBe(code);
	});
});
