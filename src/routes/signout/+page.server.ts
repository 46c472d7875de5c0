import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { takeSessionCookie } from '$lib/server/web/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies }) => {
		const token = takeSessionCookie(cookies);
		if (token) await appContext().services.sessions.end(token);
		redirect(303, '/signin');
	}
};
