import { z } from 'zod';
import { DECISION_PRESETS, type DecisionPresetId } from '../domain/voting/decision-rule';
import { ThresholdInput } from './quorum.schema';

const id = z.string().min(1).max(64);

export const DECISION_PRESET_IDS = Object.keys(DECISION_PRESETS) as [DecisionPresetId, ...DecisionPresetId[]];

export const DecisionRuleInput = z.object({
	base: z.enum(['cast', 'present', 'members']),
	threshold: ThresholdInput,
	abstentionsInBase: z.boolean(),
	measure: z.enum(['headcount', 'weight', 'both']),
	perConstituency: z.boolean(),
	participation: ThresholdInput.nullable()
});

export const VotingRulesStored = z.object({
	preset: z.enum([...DECISION_PRESET_IDS, 'custom']),
	rule: DecisionRuleInput,
	requireSecond: z.boolean(),
	allowChange: z.boolean(),
	secretByDefault: z.boolean()
});

export const FrozenTextRefInput = z.object({
	documentId: z.uuid(),
	versionId: z.uuid(),
	name: z.string().trim().min(1).max(200),
	sha256: z.string().regex(/^[0-9a-f]{64}$/)
});

export const BallotFormInput = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('yes-no-abstain') }),
	z.object({
		kind: z.literal('choose'),
		candidates: z
			.array(z.object({ id, label: z.string().trim().min(1).max(120) }))
			.min(2)
			.max(50),
		choose: z.number().int().min(1).max(50)
	})
]);

export const ChoiceInput = z.union([z.enum(['yes', 'no', 'abstain']), z.array(id).max(50)]);

/** A receipt code as the voter's device makes it: 20 characters of Crockford base32 in groups. */
export const ReceiptInput = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);

export const VotingCommandInputs = [
	z.object({
		type: z.literal('motion:propose'),
		motionId: id,
		itemId: id,
		text: z.string().trim().max(20_000),
		document: FrozenTextRefInput.nullable().optional(),
		form: BallotFormInput.optional(),
		moverId: z.uuid().optional(),
		amends: id.nullable().optional(),
		documentAmendmentId: z.uuid().nullable().optional()
	}),
	z.object({ type: z.literal('motion:second'), motionId: id, seconderId: z.uuid().optional() }),
	z.object({ type: z.literal('motion:withdraw'), motionId: id }),
	z.object({
		type: z.literal('motion:rebind'),
		motionId: id,
		text: z.string().trim().max(20_000),
		document: FrozenTextRefInput.nullable()
	}),
	z.object({
		type: z.literal('motion:recuse'),
		motionId: id,
		memberId: z.uuid(),
		reason: z.string().trim().min(1).max(500)
	}),
	z.object({
		type: z.literal('vote:open'),
		motionId: id,
		secret: z.boolean().optional(),
		ruleId: z.enum([...DECISION_PRESET_IDS, 'custom']).optional(),
		rule: DecisionRuleInput.optional(),
		allowChange: z.boolean().optional(),
		hideRunningTally: z.boolean().optional()
	}),
	z.object({
		type: z.literal('ballot:cast'),
		motionId: id,
		voterId: z.uuid().optional(),
		choice: ChoiceInput,
		receipt: ReceiptInput.optional()
	}),
	z.object({
		type: z.literal('ballot:hand-count'),
		motionId: id,
		counts: z.record(id, z.number().int().min(0).max(100_000))
	}),
	z.object({ type: z.literal('vote:close'), motionId: id }),
	z.object({ type: z.literal('document:version-frozen'), version: FrozenTextRefInput }),
	z.object({
		type: z.literal('task:create'),
		taskId: id,
		title: z.string().trim().min(1).max(300),
		ownerMemberId: z.uuid().nullable(),
		ownerOrganisation: z.string().trim().min(1).max(200).nullable(),
		dueOn: z.iso.date(),
		itemId: id.nullable(),
		motionId: id.nullable()
	}),
	z.object({
		type: z.literal('task:update'),
		taskId: id,
		status: z.enum(['open', 'in-progress', 'done', 'dropped']),
		note: z.string().trim().max(2000)
	})
] as const;
