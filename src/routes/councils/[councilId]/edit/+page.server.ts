import { fail } from '@sveltejs/kit';
import { can, CouncilAction } from '$lib/domain/council/permission';
import { CouncilInput, MeetingRulesInput } from '$lib/protocol/council.schema';
import { presetOf } from '$lib/domain/meeting/quorum-presets';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { failPage, requireUser } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url, params }) => {
	const { view } = await parent();
	if (!can({ role: view.role }, CouncilAction.edit))
		failPage({ code: 'forbidden', message: 'Moderators only' });
	const rules = await appContext().services.councils.meetingRules(
		requireUser(locals, url).id,
		params.councilId
	);
	if (!rules.ok) failPage(rules.error);
	return { rules: rules.value, preset: presetOf(rules.value.quorum) };
};

export const actions: Actions = {
	rules: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const input = MeetingRulesInput.safeParse(await formObject(request));
		if (!input.success) return fail(400, { rulesError: true });
		const saved = await appContext().services.councils.updateMeetingRules(
			user.id,
			params.councilId,
			input.data
		);
		if (!saved.ok) failPage(saved.error);
		return { rulesSaved: true };
	},
	details: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = CouncilInput.safeParse(values);
		if (!input.success) return fail(400, { values, errors: fieldErrors(input.error) });
		const updated = await appContext().services.councils.update(user.id, params.councilId, input.data);
		if (!updated.ok) failPage(updated.error);
		return { saved: true };
	}
};
