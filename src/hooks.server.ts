import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { appContext } from '$lib/server/context';
import { isDatabaseUnavailable } from '$lib/server/db/database';
import { sessionCookieName } from '$lib/server/auth/session-cookie';
import { auth } from '$lib/server/auth/sveltekit-auth';

const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale === 'zh' ? 'zh-CN' : locale)
		});
	});

/** Who is signed in, read from the same session table for pages, sockets and documents. */
const signedIn: Handle = async ({ event, resolve }) => {
	const { settings, services } = appContext();
	const token = event.cookies.get(sessionCookieName(settings.secureCookies));
	event.locals.user = await services.sessions.resolve(token);
	return resolve(event);
};

export const handle = sequence(language, auth.handle, signedIn);

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message, code: 'not-found' };
	const unreachable = isDatabaseUnavailable(error);
	if (!unreachable) console.error(error);
	return unreachable
		? { message: 'The database is not reachable right now. Please try again shortly.', code: 'unavailable' }
		: { message: 'Something went wrong on the server.', code: 'internal' };
};
