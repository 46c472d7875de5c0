import { appContext } from '$lib/server/context';
import { failPage, requireUser } from '$lib/server/web/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url }) => {
	const { meeting } = await parent();
	const user = requireUser(locals, url);
	const check = await appContext().services.records.verify(user.id, meeting.id);
	if (!check.ok) failPage(check.error);
	return { check: check.value };
};
