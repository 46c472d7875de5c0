import { DECISION_PRESETS } from '../../domain/voting/decision-rule';
import { randomBytes } from 'node:crypto';
import { CouncilAction } from '../../domain/council/permission';
import { Role } from '../../domain/council/role';
import { councilSlug } from '../../domain/council/slug';
import { fail, ok, type Result } from '../../domain/result';
import type { CouncilInput, MeetingRulesInput } from '../../protocol/council.schema';
import type { MeetingRules } from '../../domain/meeting/meeting-events';
import { presetRule } from '../../domain/meeting/quorum-presets';
import type { ErrorCode } from '../../protocol/errors';
import { councilRepository, type CouncilRow } from '../repositories/council.repository';
import { memberRepository } from '../repositories/member.repository';
import {
	meetingRepository,
	type PastMeetingRow,
	type UpcomingMeetingRow
} from '../repositories/meeting.repository';
import { authorise, councilAccess } from './council-access';
import type { ServiceDeps } from './deps';
import { transaction } from '../db/transaction';

export interface CouncilView {
	council: CouncilRow;
	role: Role;
	memberId: string;
	/** Meetings to come and under way; adjourned ones are in `past`. */
	upcoming: UpcomingMeetingRow[];
	/** Every member may read minutes, drafts included, so each past meeting links to its own. */
	past: PastMeetingRow[];
}

export function councilService(deps: ServiceDeps) {
	const { sql } = deps;
	return {
		listMine: (userId: string) => councilRepository(sql).listForUser(userId),

		/** Anyone signed in may found a council; its founder becomes its first moderator. */
		async create(userId: string, input: CouncilInput): Promise<CouncilRow> {
			return transaction(sql, async (tx) => {
				const slug = councilSlug(input.nameEn, randomBytes(3).toString('hex'));
				const council = await councilRepository(tx).insert({ ...input, slug, createdBy: userId });
				await memberRepository(tx).insert({
					councilId: council.id,
					userId,
					role: Role.moderator,
					voteWeight: 1,
					constituency: null,
					organisation: null
				});
				return council;
			});
		},

		async view(userId: string, councilId: string): Promise<Result<CouncilView, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			const council = await councilRepository(sql).findById(councilId);
			if (!council) return fail('not-found', 'No such council.');
			const meetings = meetingRepository(sql);
			const now = deps.now();
			const [upcoming, past] = await Promise.all([
				meetings.listUpcoming(councilId, now),
				meetings.listPast(councilId, now)
			]);
			return ok({ council, role: access.value.role!, memberId: access.value.member!.id, upcoming, past });
		},

		async update(
			userId: string,
			councilId: string,
			input: CouncilInput
		): Promise<Result<CouncilRow, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.edit);
			if (!access.ok) return access;
			const council = await councilRepository(sql).update(councilId, input);
			return council ? ok(council) : fail('not-found', 'No such council.');
		},

		async meetingRules(userId: string, councilId: string): Promise<Result<MeetingRules, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			const rules = await councilRepository(sql).findMeetingRules(councilId);
			return rules ? ok(rules) : fail('not-found', 'No such council.');
		},

		/** Takes effect for meetings opened from now on; an open meeting keeps the rules it opened with. */
		async updateMeetingRules(
			userId: string,
			councilId: string,
			input: MeetingRulesInput
		): Promise<Result<true, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.edit);
			if (!access.ok) return access;
			await councilRepository(sql).updateMeetingRules(councilId, {
				quorum: presetRule(input.quorumPreset, input.proxiesCount),
				proxies: { allowed: input.proxiesAllowed, maxPerHolder: input.proxiesPerHolder },
				voting: {
					preset: input.votingPreset,
					rule: DECISION_PRESETS[input.votingPreset],
					requireSecond: input.requireSecond,
					allowChange: input.allowChange,
					secretByDefault: input.secretByDefault
				}
			});
			return ok(true);
		},

		roleOf: async (userId: string, councilId: string) => (await councilAccess(sql, userId, councilId)).role
	};
}
