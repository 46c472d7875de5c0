import { fail, redirect } from '@sveltejs/kit';
import { can, CouncilAction } from '$lib/domain/council/permission';
import { ScheduleInput } from '$lib/protocol/schedule.schema';
import { getLocale } from '$lib/paraglide/runtime.js';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { failPage, requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url, params }) => {
	const { view } = await parent();
	if (!can({ role: view.role }, CouncilAction.scheduleMeeting))
		failPage({ code: 'forbidden', message: 'Not allowed' });
	const templates = await appContext().services.schedule.templates(
		requireUser(locals, url).id,
		params.councilId
	);
	if (!templates.ok) failPage(templates.error);
	return { templates: templates.value.map(({ id, name }) => ({ id, name })) };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = ScheduleInput.safeParse(values);
		if (!input.success) return fail(400, { values, errors: fieldErrors(input.error) });
		const scheduled = await appContext().services.schedule.schedule(
			user.id,
			params.councilId,
			input.data,
			getLocale()
		);
		if (!scheduled.ok) return fail(400, { values, errors: { template: true as const } });
		redirect(303, `/councils/${params.councilId}/meetings/${scheduled.value[0]}`);
	}
};
