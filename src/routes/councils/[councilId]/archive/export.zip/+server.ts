import { error } from '@sveltejs/kit';
import { ArchiveQueryInput } from '$lib/protocol/minutes.schema';
import { appContext } from '$lib/server/context';
import { requireUser, statusOf } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const range = ArchiveQueryInput.safeParse({
		from: url.searchParams.get('from'),
		to: url.searchParams.get('to')
	});
	if (!range.success)
		error(400, { message: 'Give the range as from=YYYY-MM-DD&to=YYYY-MM-DD.', code: 'invalid-input' });
	const exported = await appContext().services.archive.exportZip({
		userId: user.id,
		councilId: params.councilId,
		from: range.data.from,
		to: range.data.to
	});
	if (!exported.ok)
		error(statusOf(exported.error.code), { message: exported.error.message, code: exported.error.code });
	const name = `${exported.value.manifest.council.slug}-${range.data.from}-${range.data.to}.zip`;
	return new Response(exported.value.zip as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${name}"`,
			'content-length': String(exported.value.zip.length),
			'cache-control': 'private, no-store'
		}
	});
};
