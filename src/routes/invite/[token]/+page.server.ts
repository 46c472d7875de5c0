import { fail, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { failPage } from '$lib/server/web/guards';
import { setSessionCookie } from '$lib/server/web/session-cookie';
import type { Actions, PageServerLoad } from './$types';

/** Showing the invite does not use it up: chat apps fetch links for previews before people tap them. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { invites } = appContext().services;
	const own = locals.user && (await invites.councilOfOwnInvite(params.token, locals.user.id));
	if (own) redirect(303, `/councils/${own}`);
	const preview = await invites.preview(params.token);
	if (!preview.ok) failPage(preview.error);
	return { invite: preview.value };
};

export const actions: Actions = {
	default: async ({ params, cookies }) => {
		const redeemed = await appContext().services.invites.redeem(params.token);
		if (!redeemed.ok) return fail(410, { problem: redeemed.error.code });
		setSessionCookie(cookies, redeemed.value);
		redirect(303, `/councils/${redeemed.value.councilId}`);
	}
};
