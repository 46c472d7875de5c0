import { z } from 'zod';

const Threshold = z.discriminatedUnion('type', [
	z.object({ type: z.literal('count'), count: z.number().int().min(0) }),
	z.object({
		type: z.literal('fraction'),
		numerator: z.number().int().min(0),
		denominator: z.number().int().min(1),
		inclusive: z.boolean()
	})
]);

export const QuorumRuleInput = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('headcount'), headcount: Threshold, proxiesCount: z.boolean() }),
	z.object({ kind: z.literal('weighted'), weight: Threshold, proxiesCount: z.boolean() }),
	z.object({ kind: z.literal('double'), headcount: Threshold, weight: Threshold, proxiesCount: z.boolean() })
]);
