import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { appContext } from '$lib/server/context';
import { auth } from '$lib/server/auth/sveltekit-auth';
import { setSessionCookie } from '$lib/server/web/session-cookie';
import { Uuid } from '$lib/protocol/council.schema';
import type { Actions, PageServerLoad } from './$types';

const safeRedirect = (to: string | null) =>
	to && to.startsWith('/') && !to.startsWith('//') ? to : '/councils';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	const { settings, services } = appContext();
	const demoPeople = settings.demoSignIn ? await services.demoPeople() : [];
	return {
		demoPeople: demoPeople.map((p) => ({ id: p.id, name: p.name ?? '', councils: p.councils })),
		emailByLog: settings.emailDelivery === 'log',
		redirectTo: safeRedirect(url.searchParams.get('redirectTo'))
	};
};

export const actions: Actions = {
	email: async (event) => {
		const form = await event.request.clone().formData();
		const email = z
			.email()
			.max(200)
			.safeParse(String(form.get('email') ?? '').trim());
		if (!email.success) return fail(400, { emailError: true, email: String(form.get('email') ?? '') });
		return auth.signIn(event);
	},
	demo: async ({ request, cookies }) => {
		const form = await request.formData();
		const userId = Uuid.safeParse(form.get('userId'));
		const { settings, services } = appContext();
		const session = userId.success
			? await services.sessions.startDemo(userId.data, settings.demoSignIn)
			: null;
		if (!session) return fail(403, { demoError: true });
		setSessionCookie(cookies, session);
		redirect(303, safeRedirect(String(form.get('redirectTo') ?? '')));
	}
};
