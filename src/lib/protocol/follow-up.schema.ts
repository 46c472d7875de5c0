import { z } from 'zod';
import { Uuid } from './council.schema';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const FollowUpStatusInput = z.enum(['open', 'in-progress', 'done', 'dropped']);

/** A task created outside a meeting: exactly one owner, a member or an organisation. */
export const NewTaskInput = z
	.object({
		title: z.string().trim().min(1).max(300),
		ownerMemberId: z.preprocess(blankToNull, Uuid.nullable()),
		ownerOrganisation: z.preprocess(blankToNull, z.string().trim().min(1).max(200).nullable()),
		dueOn: z.preprocess(blankToNull, z.iso.date().nullable())
	})
	.refine((t) => (t.ownerMemberId === null) !== (t.ownerOrganisation === null), {
		message: 'A task has one owner: a member or an organisation.',
		path: ['ownerMemberId']
	});
export type NewTaskInput = z.infer<typeof NewTaskInput>;

export const TaskProgressInput = z.object({
	taskId: z.string().min(1).max(64),
	status: FollowUpStatusInput,
	note: z.string().trim().max(2000).default('')
});
export type TaskProgressInput = z.infer<typeof TaskProgressInput>;
