import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const documents = appContext().services.documents;
	const documentId = requireUuid(params.documentId);
	const found = await documents.find(user.id, documentId);
	const version = await documents.version(user.id, documentId, requireUuid(params.versionId));
	if (!found.ok || found.value.councilId !== params.councilId || !version.ok) {
		failPage({ code: 'not-found', message: 'No such version.' });
	}
	const { state: _state, ...shown } = version.value;
	return { document: found.value, version: shown };
};
