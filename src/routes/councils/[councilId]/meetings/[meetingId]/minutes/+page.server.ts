import { fail } from '@sveltejs/kit';
import { MinutesApproveInput, MinutesNotesInput, MinutesVersionInput } from '$lib/protocol/minutes.schema';
import { appContext } from '$lib/server/context';
import { formObject } from '$lib/server/web/form';
import { failPage, requireUser, statusOf } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const asked = url.searchParams.get('version');
	const version = asked === null ? undefined : MinutesVersionInput.safeParse(asked);
	if (version && !version.success) failPage({ code: 'not-found', message: 'No such version.' });
	const view = await appContext().services.minutes.view(user.id, params.meetingId, version?.data);
	if (!view.ok) failPage(view.error);
	return { minutes: view.value };
};

export const actions: Actions = {
	notes: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const form = await formObject(request);
		const notes = Object.fromEntries(
			Object.entries(form)
				.filter(([k]) => k.startsWith('note:'))
				.map(([k, v]) => [k.slice('note:'.length), v])
		);
		const input = MinutesNotesInput.safeParse({ notes, reason: form.reason });
		if (!input.success) return fail(400, { minutesError: 'invalid-input' });
		const saved = await appContext().services.minutes.saveNotes({
			userId: user.id,
			meetingId: params.meetingId,
			notes: input.data.notes,
			reason: input.data.reason ?? null
		});
		if (!saved.ok) return fail(statusOf(saved.error.code), { minutesError: saved.error.message });
		return { notesSaved: true };
	},
	approve: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const input = MinutesApproveInput.safeParse(await formObject(request));
		if (!input.success) return fail(400, { minutesError: 'invalid-input' });
		const approved = await appContext().services.minutes.approve({
			userId: user.id,
			meetingId: params.meetingId,
			approvingMeetingId: input.data.approvingMeetingId
		});
		if (!approved.ok) return fail(statusOf(approved.error.code), { minutesError: approved.error.message });
		return { approved: true };
	}
};
