import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/**
 * What the room's task panels need from outside the meeting's log: matters arising (tasks from
 * earlier meetings, with their history) and the choices and suggested date for a new task.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const meetingId = requireUuid(params.meetingId);
	const { followUps } = appContext().services;
	const arising = await followUps.mattersArising(user.id, meetingId);
	if (!arising.ok) failPage(arising.error);
	const choices = await followUps.taskFormChoices(user.id, requireUuid(params.councilId), meetingId);
	if (!choices.ok) failPage(choices.error);
	return json({ mattersArising: arising.value, choices: choices.value });
};
