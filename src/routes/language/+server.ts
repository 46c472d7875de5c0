import { redirect } from '@sveltejs/kit';
import { cookieName, cookieMaxAge, isLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** Works without JavaScript: a plain form post sets the language cookie and returns to the page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	const back = String(form.get('redirectTo') ?? '/');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
	}
	redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
