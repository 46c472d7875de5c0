import { error, json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { requireUuid } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/** The council's documents by title, for pickers such as the agenda item editor. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, { message: 'Sign in first.', code: 'unauthenticated' });
	const listed = await appContext().services.documents.list(locals.user.id, requireUuid(params.councilId));
	if (!listed.ok) error(404, { message: 'No such council.', code: 'not-found' });
	return json(listed.value.documents.map(({ id, title }) => ({ id, title })));
};
