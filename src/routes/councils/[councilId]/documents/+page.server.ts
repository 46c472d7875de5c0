import { fail, redirect } from '@sveltejs/kit';
import { DocumentInput } from '$lib/protocol/document.schema';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { failPage, requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const listed = await appContext().services.documents.list(user.id, params.councilId);
	if (!listed.ok) failPage({ code: 'not-found', message: listed.error.message });
	return listed.value;
};

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = DocumentInput.safeParse(values);
		if (!input.success) return fail(400, { values, errors: fieldErrors(input.error) });
		const created = await appContext().services.documents.create(user.id, params.councilId, input.data);
		if (!created.ok) return fail(403, { values, errors: { form: true as const } });
		redirect(303, `/councils/${params.councilId}/documents/${created.value}`);
	}
};
