import { z } from 'zod';

export const ThresholdInput = z.discriminatedUnion('type', [
	z.object({ type: z.literal('count'), count: z.number().int().min(0) }),
	z.object({
		type: z.literal('fraction'),
		numerator: z.number().int().min(0),
		denominator: z.number().int().min(1),
		inclusive: z.boolean()
	})
]);

export const QuorumRuleInput = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('headcount'), headcount: ThresholdInput, proxiesCount: z.boolean() }),
	z.object({ kind: z.literal('weighted'), weight: ThresholdInput, proxiesCount: z.boolean() }),
	z.object({
		kind: z.literal('double'),
		headcount: ThresholdInput,
		weight: ThresholdInput,
		proxiesCount: z.boolean()
	})
]);
