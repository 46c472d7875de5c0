import { fail } from '@sveltejs/kit';
import { can, CouncilAction } from '$lib/domain/council/permission';
import { MemberFieldsInput, NewMemberInput, Uuid } from '$lib/protocol/council.schema';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { failPage, requireUser, statusOf } from '$lib/server/web/guards';
import { qrSvg } from '$lib/server/web/qr';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url, params }) => {
	const { view } = await parent();
	if (!can({ role: view.role }, CouncilAction.manageMembers)) {
		failPage({ code: 'forbidden', message: 'Only moderators manage members.' });
	}
	const user = requireUser(locals, url);
	const list = await appContext().services.members.list(user.id, params.councilId);
	if (!list.ok) failPage(list.error);
	return { members: list.value.members, myUserId: user.id };
};

/** Every member action names its member; a missing or malformed id is a bad request. */
async function memberForm(request: Request) {
	const values = await formObject(request);
	const memberId = Uuid.safeParse(values.memberId);
	return { values, memberId: memberId.success ? memberId.data : null };
}

const serviceFail = (e: { code: string }, extra: Record<string, unknown> = {}) =>
	fail(statusOf(e.code), { problem: e.code, ...extra });

export const actions: Actions = {
	add: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const values = await formObject(request);
		const input = NewMemberInput.safeParse(values);
		if (!input.success) return fail(400, { add: { values, errors: fieldErrors(input.error) } });
		const added = await appContext().services.members.add(user.id, params.councilId, input.data);
		if (!added.ok) return serviceFail(added.error, { add: { values, errors: {} } });
		return { done: { kind: 'added', name: input.data.name } };
	},
	update: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { values, memberId } = await memberForm(request);
		const input = MemberFieldsInput.safeParse(values);
		if (!memberId || !input.success) return fail(400, { problem: 'invalid-input', memberId });
		const updated = await appContext().services.members.update(
			user.id,
			params.councilId,
			memberId,
			input.data
		);
		if (!updated.ok) return serviceFail(updated.error, { memberId });
		return { done: { kind: 'updated', name: values.name ?? '' } };
	},
	revoke: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { values, memberId } = await memberForm(request);
		if (!memberId) return fail(400, { problem: 'invalid-input' });
		const revoked = await appContext().services.members.revoke(user.id, params.councilId, memberId);
		if (!revoked.ok) return serviceFail(revoked.error, { memberId });
		return { done: { kind: 'revoked', name: values.name ?? '' } };
	},
	restore: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { values, memberId } = await memberForm(request);
		if (!memberId) return fail(400, { problem: 'invalid-input' });
		const restored = await appContext().services.members.restore(user.id, params.councilId, memberId);
		if (!restored.ok) return serviceFail(restored.error, { memberId });
		return { done: { kind: 'restored', name: values.name ?? '' } };
	},
	invite: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { values, memberId } = await memberForm(request);
		if (!memberId) return fail(400, { problem: 'invalid-input' });
		const invite = await appContext().services.invites.create(
			user.id,
			params.councilId,
			memberId,
			url.origin
		);
		if (!invite.ok) return serviceFail(invite.error, { memberId });
		return {
			invite: {
				memberId,
				name: values.name ?? '',
				url: invite.value.url,
				expiresAt: invite.value.expiresAt.toISOString(),
				qr: await qrSvg(invite.value.url)
			}
		};
	}
};
