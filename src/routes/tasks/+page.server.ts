import { appContext } from '$lib/server/context';
import { updateTaskAction } from '$lib/server/web/task-actions';
import { requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { tasks: await appContext().services.followUps.mine(user.id) };
};

export const actions: Actions = { update: updateTaskAction };
