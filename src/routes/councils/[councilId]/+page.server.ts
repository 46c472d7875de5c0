import { appContext } from '$lib/server/context';
import { failPage, requireUser } from '$lib/server/web/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const { services } = appContext();
	const members = await services.members.list(user.id, params.councilId);
	if (!members.ok) failPage(members.error);
	const calendarUrl = await services.schedule.calendarUrl(user.id, params.councilId, url.origin);
	return {
		calendarUrl: calendarUrl.ok ? calendarUrl.value : null,
		members: members.value.members
			.filter((mb) => mb.revokedAt === null)
			.map(({ id, name, role, constituency, organisation, userId }) => ({
				id,
				name,
				role,
				constituency,
				organisation,
				isMe: userId === user.id
			}))
	};
};
