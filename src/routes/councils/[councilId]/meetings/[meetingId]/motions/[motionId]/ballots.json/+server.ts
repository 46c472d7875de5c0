import { error, json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/**
 * A closed vote's published ballots for the members of the council: `receipts` (secret votes:
 * `{ tag, choice, weightCents, constituency }` sorted by tag, so each voter finds their receipt's
 * tag and anyone recounts) and `ballots` (open votes: who voted what, and how).
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const published = await appContext().services.meetingRooms.publishedBallots(
		user.id,
		requireUuid(params.meetingId),
		params.motionId
	);
	if (!published.ok) failPage(published.error);
	const { councilId, receipts, ballots } = published.value;
	if (councilId !== params.councilId) error(404, { message: 'Not found', code: 'not-found' });
	// A closed vote's ballots never change.
	return json({ receipts, ballots }, { headers: { 'cache-control': 'private, max-age=3600' } });
};
