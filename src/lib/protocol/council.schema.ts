import { z } from 'zod';
import { DECISION_PRESET_IDS } from './voting.schema';
import { COUNCIL_KINDS } from '../domain/council/council-kind';
import { ROLES } from '../domain/council/role';
import { MAX_VOTE_WEIGHT } from '../domain/council/membership';
import { QUORUM_PRESET_IDS, type QuorumPresetId } from '../domain/meeting/quorum-presets';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
	text(max)
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.default(null);

/** The English name may be left empty, as a meeting's English title: the Chinese name stands in. */
export const CouncilInput = z
	.object({
		nameZh: text(120).min(1),
		nameEn: text(120).default(''),
		descriptionZh: text(2000).default(''),
		descriptionEn: text(2000).default(''),
		kind: z.enum(COUNCIL_KINDS as [string, ...string[]]).transform((k) => k as (typeof COUNCIL_KINDS)[number])
	})
	.transform((v) => ({ ...v, nameEn: v.nameEn || v.nameZh }));
export type CouncilInput = z.infer<typeof CouncilInput>;

export const MemberFieldsInput = z.object({
	role: z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]),
	voteWeight: z.coerce.number().min(0).max(MAX_VOTE_WEIGHT).default(1),
	constituency: optionalText(60),
	organisation: optionalText(120)
});
export type MemberFieldsInput = z.infer<typeof MemberFieldsInput>;

export const NewMemberInput = MemberFieldsInput.extend({
	name: text(80).min(1),
	email: z
		.union([z.literal(''), z.email().max(200)])
		.transform((v) => (v === '' ? null : v.toLowerCase()))
		.nullable()
		.default(null)
});
export type NewMemberInput = z.infer<typeof NewMemberInput>;

export const Uuid = z.uuid();

const checkbox = z
	.literal('on')
	.optional()
	.transform((v) => v === 'on');

export const MeetingRulesInput = z.object({
	quorumPreset: z.enum(QUORUM_PRESET_IDS as [QuorumPresetId, ...QuorumPresetId[]]),
	proxiesCount: z
		.literal('on')
		.optional()
		.transform((v) => v === 'on'),
	proxiesAllowed: z
		.literal('on')
		.optional()
		.transform((v) => v === 'on'),
	proxiesPerHolder: z.coerce.number().int().min(0).max(50).default(1),
	votingPreset: z.enum(DECISION_PRESET_IDS).default('robert-majority'),
	requireSecond: checkbox,
	allowChange: checkbox,
	secretByDefault: checkbox
});
export type MeetingRulesInput = z.infer<typeof MeetingRulesInput>;
