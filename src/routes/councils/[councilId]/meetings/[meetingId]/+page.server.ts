import { fail } from '@sveltejs/kit';
import { TemplateNameInput } from '$lib/protocol/schedule.schema';
import { appContext } from '$lib/server/context';
import { formObject } from '$lib/server/web/form';
import { requireUser } from '$lib/server/web/guards';
import { councilRepository } from '$lib/server/repositories/council.repository';
import type { Actions, PageServerLoad } from './$types';

/**
 * For "approval of the previous minutes": the previous meeting's minutes, if any wait for it. The
 * council's proxy rule: a meeting freezes its rules only when it opens, and until then the room
 * must not offer a proxy form that the server will refuse.
 */
export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const user = requireUser(locals, url);
	const { view } = await parent();
	const { db, services } = appContext();
	const [previousMinutes, rules] = await Promise.all([
		services.minutes.previousOf(user.id, params.meetingId),
		councilRepository(db.sql).findMeetingRules(view.council.id)
	]);
	return { previousMinutes, councilAllowsProxies: rules?.proxies.allowed ?? true };
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
