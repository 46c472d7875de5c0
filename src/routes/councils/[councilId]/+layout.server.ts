import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const view = await appContext().services.councils.view(user.id, requireUuid(params.councilId));
	if (!view.ok) failPage(view.error);
	return { view: view.value };
};
