import { error, json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/**
 * A closed secret vote's published ballots, `[{ tag, choice, weightCents, constituency }]` sorted
 * by tag, for the members of the council: each voter finds their receipt's tag, anyone recounts.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const published = await appContext().services.meetingRooms.publishedBallots(
		user.id,
		requireUuid(params.meetingId),
		params.motionId
	);
	if (!published.ok) failPage(published.error);
	if (published.value.councilId !== params.councilId) error(404, { message: 'Not found', code: 'not-found' });
	// A closed vote's ballots never change.
	return json(published.value.receipts, { headers: { 'cache-control': 'private, max-age=3600' } });
};
