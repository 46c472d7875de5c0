import { CouncilAction, can } from '../../domain/council/permission';
import { checkMembershipChange, checkVoteWeight } from '../../domain/council/membership';
import { fail, ok, type Result } from '../../domain/result';
import type { MemberFieldsInput, NewMemberInput } from '../../protocol/council.schema';
import type { ErrorCode } from '../../protocol/errors';
import type { Sql } from '../db/database';
import { memberRepository, type MemberRow } from '../repositories/member.repository';
import { userRepository } from '../repositories/user.repository';
import { authorise } from './council-access';
import type { ServiceDeps } from './deps';
import { transaction } from '../db/transaction';

export interface MemberList {
	members: MemberRow[];
	/** Emails and check-in codes are shown only to those who manage or record the council. */
	contactsVisible: boolean;
}

export function memberService(deps: ServiceDeps) {
	const { sql } = deps;

	async function guardChange(tx: Sql, target: MemberRow, role: MemberRow['role'], revoked: boolean) {
		const all = await memberRepository(tx).listByCouncil(target.councilId);
		return checkMembershipChange(
			all.map((m) => ({ id: m.id, role: m.role, revoked: m.revokedAt !== null })),
			{ id: target.id, role, revoked }
		);
	}

	async function loadTarget(actorId: string, councilId: string, memberId: string) {
		const access = await authorise(sql, actorId, councilId, CouncilAction.manageMembers);
		if (!access.ok) return access;
		const target = await memberRepository(sql).findById(memberId);
		if (!target || target.councilId !== councilId) return fail('not-found', 'No such member.');
		return ok(target);
	}

	return {
		async list(actorId: string, councilId: string): Promise<Result<MemberList, ErrorCode>> {
			const access = await authorise(sql, actorId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			const contactsVisible = can({ role: access.value.role }, CouncilAction.viewMemberContacts);
			const members = await memberRepository(sql).listByCouncil(councilId);
			return ok({
				contactsVisible,
				members: members
					.filter((m) => contactsVisible || m.revokedAt === null)
					.map((m) => (contactsVisible ? m : { ...m, email: null, checkInCode: '' }))
			});
		},

		/** Adds a person; an email already known joins that same person to this council too. */
		async add(actorId: string, councilId: string, input: NewMemberInput): Promise<Result<string, ErrorCode>> {
			const access = await authorise(sql, actorId, councilId, CouncilAction.manageMembers);
			if (!access.ok) return access;
			const weight = checkVoteWeight(input.voteWeight);
			if (!weight.ok) return weight;
			return transaction(sql, async (tx) => {
				const users = userRepository(tx);
				const existing = input.email ? await users.findByEmail(input.email) : null;
				const user = existing ?? (await users.create({ name: input.name, email: input.email }));
				if (await memberRepository(tx).find(councilId, user.id)) {
					return fail('already-member', 'This person is already a member of the council.');
				}
				const id = await memberRepository(tx).insert({
					councilId,
					userId: user.id,
					role: input.role,
					voteWeight: weight.value,
					constituency: input.constituency,
					organisation: input.organisation
				});
				return ok(id);
			});
		},

		async update(
			actorId: string,
			councilId: string,
			memberId: string,
			input: MemberFieldsInput
		): Promise<Result<true, ErrorCode>> {
			const target = await loadTarget(actorId, councilId, memberId);
			if (!target.ok) return target;
			const weight = checkVoteWeight(input.voteWeight);
			if (!weight.ok) return weight;
			const updated = await transaction(sql, async (tx) => {
				const allowed = await guardChange(tx, target.value, input.role, target.value.revokedAt !== null);
				if (!allowed.ok) return allowed;
				await memberRepository(tx).update(memberId, { ...input, voteWeight: weight.value });
				await deps.noticeMembership?.(tx, {
					type: 'membership:changed',
					councilId,
					userId: target.value.userId
				});
				return ok(true as const);
			});
			if (updated.ok) deps.events.emit('membership:changed', { councilId, userId: target.value.userId });
			return updated;
		},

		/** Takes effect at once: every request and socket re-reads membership, and live sockets are dropped. */
		async revoke(actorId: string, councilId: string, memberId: string): Promise<Result<true, ErrorCode>> {
			const target = await loadTarget(actorId, councilId, memberId);
			if (!target.ok) return target;
			const result = await transaction(sql, async (tx) => {
				const allowed = await guardChange(tx, target.value, target.value.role, true);
				if (!allowed.ok) return allowed;
				await memberRepository(tx).setRevoked(memberId, actorId);
				await deps.noticeMembership?.(tx, {
					type: 'membership:revoked',
					councilId,
					userId: target.value.userId
				});
				return ok(true as const);
			});
			if (result.ok) deps.events.emit('membership:revoked', { councilId, userId: target.value.userId });
			return result;
		},

		async restore(actorId: string, councilId: string, memberId: string): Promise<Result<true, ErrorCode>> {
			const target = await loadTarget(actorId, councilId, memberId);
			if (!target.ok) return target;
			const userId = target.value.userId;
			await transaction(sql, async (tx) => {
				await memberRepository(tx).setRevoked(memberId, null);
				await deps.noticeMembership?.(tx, { type: 'membership:changed', councilId, userId });
			});
			deps.events.emit('membership:changed', { councilId, userId });
			return ok(true);
		}
	};
}
