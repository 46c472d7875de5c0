import { fail, type RequestEvent } from '@sveltejs/kit';
import { AmendmentDecisionInput, AmendmentInput, FreezeInput } from '$lib/protocol/document.schema';
import { getLocale } from '$lib/paraglide/runtime.js';
import { appContext } from '$lib/server/context';
import { fieldErrors, formObject } from '$lib/server/web/form';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	// Invalidated when another screen froze a version.
	depends('app:document');
	const user = requireUser(locals, url);
	const view = await appContext().services.documents.get(
		user.id,
		requireUuid(params.documentId),
		getLocale()
	);
	if (!view.ok || view.value.document.councilId !== params.councilId) {
		failPage({ code: 'not-found', message: 'No such document.' });
	}
	return { document: view.value, me: { id: user.id, name: user.name } };
};

type Event = RequestEvent<{ councilId: string; documentId: string }>;
const services = () => appContext().services.documents;

/** Each action answers with which form it was, so the page shows the message beside that form. */
const refused = (formName: string, code: string, values: Record<string, string> = {}) =>
	fail(400, { formName, code, values, errors: {} as Record<string, true> });

async function lockAction(e: Event, locked: boolean) {
	const user = requireUser(e.locals, e.url);
	const id = requireUuid(e.params.documentId);
	const done = locked ? await services().lock(user.id, id) : await services().unlock(user.id, id);
	return done.ok ? { formName: 'lock', done: true } : refused('lock', done.error.code);
}

export const actions: Actions = {
	lock: (e) => lockAction(e, true),
	unlock: (e) => lockAction(e, false),

	freeze: async (e) => {
		const user = requireUser(e.locals, e.url);
		const values = await formObject(e.request);
		const input = FreezeInput.safeParse(values);
		if (!input.success) return fail(400, { formName: 'freeze', values, errors: fieldErrors(input.error) });
		const frozen = await services().freezeVersion({
			actorId: user.id,
			documentId: requireUuid(e.params.documentId),
			...input.data
		});
		if (!frozen.ok) return refused('freeze', frozen.error.code, values);
		return { formName: 'freeze', frozen: frozen.value };
	},

	propose: async (e) => {
		const user = requireUser(e.locals, e.url);
		const values = await formObject(e.request);
		const input = AmendmentInput.safeParse(values);
		if (!input.success) return fail(400, { formName: 'propose', values, errors: fieldErrors(input.error) });
		const proposed = await services().proposeAmendment(user.id, requireUuid(e.params.documentId), input.data);
		if (!proposed.ok) return refused('propose', proposed.error.code, values);
		return { formName: 'propose', done: true };
	},

	decide: async (e) => {
		const user = requireUser(e.locals, e.url);
		const input = AmendmentDecisionInput.safeParse(await formObject(e.request));
		if (!input.success) return refused('decide', 'invalid-input');
		const decided = await services().decideAmendment(user.id, requireUuid(e.params.documentId), input.data);
		if (!decided.ok) return refused('decide', decided.error.code);
		return { formName: 'decide', done: true };
	}
};
