import { appContext } from '$lib/server/context';
import { requireUser } from '$lib/server/web/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { councils: await appContext().services.councils.listMine(user.id) };
};
