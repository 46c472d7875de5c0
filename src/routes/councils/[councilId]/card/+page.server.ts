import { can, CouncilAction } from '$lib/domain/council/permission';
import { Uuid } from '$lib/protocol/council.schema';
import { appContext } from '$lib/server/context';
import { memberRepository } from '$lib/server/repositories/member.repository';
import { failPage } from '$lib/server/web/guards';
import { qrSvg } from '$lib/server/web/qr';
import type { PageServerLoad } from './$types';

/** Your own check-in card; moderators and clerks may print anyone's (`?member=<id>`). */
export const load: PageServerLoad = async ({ parent, url }) => {
	const { view } = await parent();
	const requested = Uuid.safeParse(url.searchParams.get('member'));
	const memberId = requested.success ? requested.data : view.memberId;
	if (memberId !== view.memberId && !can({ role: view.role }, CouncilAction.checkIn)) {
		failPage({ code: 'forbidden', message: 'Only your own card.' });
	}
	const members = memberRepository(appContext().db.sql);
	const member = await members.findById(memberId);
	if (!member || member.councilId !== view.council.id || member.revokedAt) {
		failPage({ code: 'not-found', message: 'No such member.' });
	}
	// Whoever checks people in at the door (a social worker for the elders) prints everyone's card.
	const others = can({ role: view.role }, CouncilAction.checkIn)
		? (await members.listByCouncil(view.council.id))
				.filter((m) => !m.revokedAt)
				.map((m) => ({ id: m.id, name: m.name }))
		: [];
	return {
		memberId,
		name: member.name,
		code: member.checkInCode,
		qr: await qrSvg(member.checkInCode),
		others
	};
};
