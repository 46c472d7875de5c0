import { fail } from '@sveltejs/kit';
import { TaskProgressInput } from '../../protocol/follow-up.schema';
import { appContext } from '../context';
import { formObject } from './form';
import { requireUser, statusOf } from './guards';

/** The `update` form action shared by the task pages: a status change and a progress note. */
export async function updateTaskAction({
	locals,
	url,
	request
}: {
	locals: App.Locals;
	url: URL;
	request: Request;
}) {
	const user = requireUser(locals, url);
	const input = TaskProgressInput.safeParse(await formObject(request));
	if (!input.success) return fail(400, { taskProblem: 'invalid-input' as const, taskId: null });
	const updated = await appContext().services.followUps.update(user.id, input.data);
	if (!updated.ok)
		return fail(statusOf(updated.error.code), { taskProblem: updated.error.code, taskId: input.data.taskId });
	return { updatedTaskId: input.data.taskId };
}
