import type { Cookies } from '@sveltejs/kit';
import { appContext } from '../context';
import { sessionCookieName } from '../auth/session-cookie';

export function setSessionCookie(cookies: Cookies, session: { sessionToken: string; expires: Date }) {
	const secure = appContext().settings.secureCookies;
	cookies.set(sessionCookieName(secure), session.sessionToken, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: session.expires
	});
}

export function takeSessionCookie(cookies: Cookies): string | undefined {
	const name = sessionCookieName(appContext().settings.secureCookies);
	const token = cookies.get(name);
	cookies.delete(name, { path: '/' });
	return token;
}
