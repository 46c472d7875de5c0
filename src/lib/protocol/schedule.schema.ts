import { z } from 'zod';
import { FREQUENCIES, MAX_OCCURRENCES } from '../domain/calendar/recurrence';

/**
 * A clerk who writes only Chinese may leave the English title empty: the meeting then keeps its
 * Chinese title in English too, so every page, minutes file and calendar has a title to show.
 */
export const ScheduleInput = z
	.object({
		titleZh: z.string().trim().min(1).max(120),
		titleEn: z.string().trim().max(120).default(''),
		date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
		time: z.string().regex(/^\d{2}:\d{2}$/),
		plannedMinutes: z.coerce.number().int().min(5).max(600).default(90),
		location: z
			.string()
			.trim()
			.max(200)
			.transform((v) => v || null),
		onlineUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]).transform((v) => v || null),
		frequency: z
			.enum(FREQUENCIES as [string, ...string[]])
			.transform((f) => f as (typeof FREQUENCIES)[number]),
		count: z.coerce.number().int().min(1).max(MAX_OCCURRENCES).default(1),
		/** 'standard', 'empty', or the id of one of the council's saved templates. */
		template: z.string().min(1).max(64).default('standard')
	})
	.transform((v) => ({ ...v, titleEn: v.titleEn || v.titleZh }));
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const TemplateNameInput = z.object({ name: z.string().trim().min(1).max(80) });
