import { DiffQuery } from '$lib/protocol/document.schema';
import { getLocale } from '$lib/paraglide/runtime.js';
import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const query = DiffQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) failPage({ code: 'invalid-input', message: 'Choose two versions.' });
	const documents = appContext().services.documents;
	const documentId = requireUuid(params.documentId);
	const found = await documents.find(user.id, documentId);
	const diff = await documents.diff(user.id, documentId, query.data.from, query.data.to, getLocale());
	if (!found.ok || found.value.councilId !== params.councilId || !diff.ok) {
		failPage({ code: 'not-found', message: 'No such version.' });
	}
	const summary = ({ id, name, sha256, frozenAt }: (typeof diff.value)['from']) => ({
		id,
		name,
		sha256,
		frozenAt
	});
	return {
		document: found.value,
		from: summary(diff.value.from),
		to: summary(diff.value.to),
		parts: diff.value.parts
	};
};
