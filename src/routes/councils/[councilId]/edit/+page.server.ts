import { fail } from '@sveltejs/kit';
import { can, CouncilAction } from '$lib/domain/council/permission';
import { CouncilInput } from '$lib/protocol/council.schema';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { failPage, requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { view } = await parent();
	if (!can({ role: view.role }, CouncilAction.edit))
		failPage({ code: 'forbidden', message: 'Moderators only' });
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = CouncilInput.safeParse(values);
		if (!input.success) return fail(400, { values, errors: fieldErrors(input.error) });
		const updated = await appContext().services.councils.update(user.id, params.councilId, input.data);
		if (!updated.ok) failPage(updated.error);
		return { saved: true };
	}
};
