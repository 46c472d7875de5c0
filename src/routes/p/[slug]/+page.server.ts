import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

/** No sign-in: a council that opted in shows its approved minutes and decisions to everyone. */
export const load: PageServerLoad = async ({ params }) => {
	const page = await appContext().services.archive.publicPage(params.slug);
	if (!page) error(404, { message: 'No such public page.', code: 'not-found' });
	return { page };
};
