import { fail } from '@sveltejs/kit';
import { TemplateNameInput } from '$lib/protocol/schedule.schema';
import { appContext } from '$lib/server/context';
import { formObject } from '$lib/server/web/form';
import { requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

/** For "approval of the previous minutes": the previous meeting's minutes, if any wait for it. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	return { previousMinutes: await appContext().services.minutes.previousOf(user.id, params.meetingId) };
};

export const actions: Actions = {
	saveTemplate: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const input = TemplateNameInput.safeParse(await formObject(request));
		if (!input.success) return fail(400, { templateError: 'invalid-input' });
		const saved = await appContext().services.schedule.saveTemplate(
			user.id,
			params.meetingId,
			input.data.name
		);
		if (!saved.ok)
			return fail(saved.error.code === 'forbidden' ? 403 : 400, { templateError: saved.error.code });
		return { templateSaved: true };
	}
};
