import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const page = await appContext().services.archive.publicPage(params.slug);
	const entry = page?.meetings.find((x) => x.meetingId === params.meetingId);
	if (!page || !entry) error(404, { message: 'No such public minutes.', code: 'not-found' });
	return { council: page.council, entry };
};
