import { fail } from '@sveltejs/kit';
import { can, CouncilAction } from '$lib/domain/council/permission';
import { NewTaskInput } from '$lib/protocol/follow-up.schema';
import { appContext } from '$lib/server/context';
import { formObject } from '$lib/server/web/form';
import { failPage, requireUser, statusOf } from '$lib/server/web/guards';
import { updateTaskAction } from '$lib/server/web/task-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url }) => {
	const { view } = await parent();
	const user = requireUser(locals, url);
	const { followUps } = appContext().services;
	const [tasks, choices] = await Promise.all([
		followUps.listForCouncil(user.id, view.council.id),
		followUps.taskFormChoices(user.id, view.council.id, null)
	]);
	if (!tasks.ok) failPage(tasks.error);
	if (!choices.ok) failPage(choices.error);
	const updatable = await Promise.all(tasks.value.map((t) => followUps.mayUpdate(user.id, t)));
	return {
		tasks: tasks.value.map((t, i) => ({ ...t, updatable: updatable[i] ?? false })),
		choices: choices.value,
		canRecord: can({ role: view.role }, CouncilAction.takeMinutes)
	};
};

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = NewTaskInput.safeParse(values);
		if (!input.success) {
			const ownerProblem = input.error.issues.some((i) => i.path[0] === 'ownerMemberId');
			return fail(400, { taskProblem: ownerProblem ? 'owner' : 'invalid-input', values });
		}
		const created = await appContext().services.followUps.create(user.id, params.councilId, input.data);
		if (!created.ok) return fail(statusOf(created.error.code), { taskProblem: created.error.code, values });
		return { createdTaskId: created.value.taskId };
	},
	update: updateTaskAction
};
