import { fail, redirect } from '@sveltejs/kit';
import { CouncilInput } from '$lib/protocol/council.schema';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = CouncilInput.safeParse(values);
		if (!input.success) return fail(400, { values, errors: fieldErrors(input.error) });
		const council = await appContext().services.councils.create(user.id, input.data);
		redirect(303, `/councils/${council.id}/members`);
	}
};
