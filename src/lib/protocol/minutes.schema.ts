import { z } from 'zod';
import { Uuid } from './council.schema';

export const MinutesFormatInput = z.enum(['md', 'html', 'json', 'pdf', 'docx']);
export const MinutesLocaleInput = z.enum(['zh', 'en']);
export const MinutesVersionInput = z.coerce.number().int().positive();

/** The notes form: one `note:<itemId>` field per agenda item, and a reason when correcting. */
export const MinutesNotesInput = z.object({
	notes: z.record(z.string().max(200), z.string().max(20_000)),
	reason: z.string().trim().max(2_000).optional()
});

export const MinutesApproveInput = z.object({ approvingMeetingId: Uuid });

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The archive's search and export range: calendar days in China Standard Time, both included. */
export const ArchiveQueryInput = z.object({
	q: z.string().trim().max(200).default(''),
	from: Day,
	to: Day
});
