import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { requireUuid } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/** Phone calendars cannot sign in: the feed is guarded by the council's calendar key instead. */
export const GET: RequestHandler = async ({ params, url }) => {
	const ics = await appContext().services.schedule.calendarFeed(
		requireUuid(params.councilId),
		url.searchParams.get('key') ?? '',
		url.origin
	);
	if (ics === null) error(404, { message: 'No such calendar.', code: 'not-found' });
	return new Response(ics, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' }
	});
};
