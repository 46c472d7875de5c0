import { error, json } from '@sveltejs/kit';
import { ArchiveQueryInput } from '$lib/protocol/minutes.schema';
import { appContext } from '$lib/server/context';
import { failPage, requireUser, requireUuid } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/** Starts an archive export in the background; the page then follows its progress by the id. */
export const POST: RequestHandler = async ({ locals, url, params, request }) => {
	const user = requireUser(locals, url);
	const range = ArchiveQueryInput.safeParse(await request.json().catch(() => null));
	if (!range.success)
		error(400, {
			message: 'Give the range as {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}.',
			code: 'invalid-input'
		});
	const started = await appContext().services.archive.startExport({
		userId: user.id,
		councilId: requireUuid(params.councilId),
		from: range.data.from,
		to: range.data.to
	});
	if (!started.ok) failPage(started.error);
	return json({ id: started.value }, { status: 202 });
};
