import { createHash, randomBytes } from 'node:crypto';
import { checkInvite, inviteExpiry } from '../../domain/council/invite';
import { CouncilAction } from '../../domain/council/permission';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import { councilRepository } from '../repositories/council.repository';
import { inviteRepository } from '../repositories/invite.repository';
import { memberRepository } from '../repositories/member.repository';
import { authorise } from './council-access';
import type { ServiceDeps } from './deps';
import { sessionService } from './session.service';

export interface CreatedInvite {
	url: string;
	expiresAt: Date;
}

export interface InvitePreview {
	memberName: string;
	councilNameZh: string;
	councilNameEn: string;
	councilId: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens are 32 random bytes in base64url; anything else is rejected before touching the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function inviteService(deps: ServiceDeps) {
	const { sql } = deps;

	async function inspect(token: string) {
		if (!TOKEN_SHAPE.test(token))
			return { invite: null, member: null, check: checkInvite(noInvite, deps.now()) };
		const invite = await inviteRepository(sql).findByTokenHash(hashToken(token));
		const member = invite ? await memberRepository(sql).findById(invite.memberId) : null;
		const check = checkInvite(
			{
				found: invite !== null && member !== null,
				expiresAt: invite?.expiresAt ?? null,
				usedAt: invite?.usedAt ?? null,
				memberRevoked: member?.revokedAt != null
			},
			deps.now()
		);
		return { invite, member, check };
	}

	return {
		async create(
			actorId: string,
			councilId: string,
			memberId: string,
			/** The address the link is for: the one the moderator's browser used. */
			origin = deps.origin
		): Promise<Result<CreatedInvite, ErrorCode>> {
			const access = await authorise(sql, actorId, councilId, CouncilAction.manageMembers);
			if (!access.ok) return access;
			const member = await memberRepository(sql).findById(memberId);
			if (!member || member.councilId !== councilId) return fail('not-found', 'No such member.');
			if (member.revokedAt) return fail('access-revoked', 'Restore this member before inviting them.');
			const token = randomBytes(32).toString('base64url');
			const expiresAt = inviteExpiry(deps.now());
			await inviteRepository(sql).insert({
				tokenHash: hashToken(token),
				memberId,
				createdBy: actorId,
				expiresAt
			});
			return ok({ url: `${origin}/invite/${token}`, expiresAt });
		},

		/**
		 * The council of an invite that is this signed-in person's own (used or not): opening it again,
		 * as an elder does by tapping the printed QR code, just takes them there.
		 */
		async councilOfOwnInvite(token: string, userId: string): Promise<string | null> {
			const { invite, member } = await inspect(token);
			return invite && member && member.userId === userId && !member.revokedAt ? member.councilId : null;
		},

		/** What the invite page shows before the person confirms; it does not use the invite up. */
		async preview(token: string): Promise<Result<InvitePreview, ErrorCode>> {
			const { member, check } = await inspect(token);
			if (!check.ok) return check;
			const council = await councilRepository(sql).findById(member!.councilId);
			if (!council) return fail('invite-invalid', 'This invite link is not valid.');
			return ok({
				memberName: member!.name,
				councilNameZh: council.nameZh,
				councilNameEn: council.nameEn,
				councilId: council.id
			});
		},

		/** Uses the invite once and opens a session for its member. */
		async redeem(
			token: string
		): Promise<Result<{ sessionToken: string; expires: Date; councilId: string }, ErrorCode>> {
			const { invite, member, check } = await inspect(token);
			if (!check.ok) return check;
			if (!(await inviteRepository(sql).markUsed(invite!.id, deps.now()))) {
				return fail('invite-used', 'This invite link has already been used.');
			}
			const session = await sessionService(deps).start(member!.userId);
			return ok({ ...session, councilId: member!.councilId });
		}
	};
}

const noInvite = { found: false, expiresAt: null, usedAt: null, memberRevoked: false };
