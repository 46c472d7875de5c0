import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import { meetingRepository } from '$lib/server/repositories/meeting.repository';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ parent, params, locals, url }) => {
	const { view } = await parent();
	const user = requireUser(locals, url);
	const { db, services } = appContext();
	const meeting = await meetingRepository(db.sql).findById(requireUuid(params.meetingId));
	if (!meeting || meeting.councilId !== view.council.id)
		failPage({ code: 'not-found', message: 'No such meeting.' });
	const list = await services.members.list(user.id, view.council.id);
	if (!list.ok) failPage(list.error);
	return {
		meeting,
		people: list.value.members
			.filter((m) => m.revokedAt === null)
			.map(({ id, name, role, checkInCode }) => ({ id, name, role, checkInCode }))
	};
};
