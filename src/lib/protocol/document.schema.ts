import { z } from 'zod';
import type { AmendmentError } from '../domain/documents/amendment';
import type { ErrorCode } from './errors';

const emptyAsNull = (v: unknown) => (v === '' ? null : v);

export const DocumentInput = z.object({ title: z.string().trim().min(1).max(200) });
export type DocumentInput = z.infer<typeof DocumentInput>;

export const FreezeInput = z.object({
	name: z.string().trim().min(1).max(120),
	/** Set when the version is frozen during a meeting, so the record can say so. */
	meetingId: z.preprocess(emptyAsNull, z.uuid().nullable()).default(null)
});
export type FreezeInput = z.infer<typeof FreezeInput>;

export const AmendmentInput = z.object({
	baseVersionId: z.uuid(),
	passage: z.string().min(1).max(4000),
	replacement: z.string().max(4000),
	rationale: z.string().trim().max(2000).default('')
});
export type AmendmentInput = z.infer<typeof AmendmentInput>;

export const AmendmentDecisionInput = z.object({
	amendmentId: z.uuid(),
	decision: z.enum(['accept', 'reject'])
});
export type AmendmentDecisionInput = z.infer<typeof AmendmentDecisionInput>;

export const DiffQuery = z.object({ from: z.uuid(), to: z.uuid() });

/** Refusals particular to documents, beside the shared codes. */
export type DocumentErrorCode =
	ErrorCode | AmendmentError | 'document-locked' | 'amendment-decided' | 'version-not-found';
