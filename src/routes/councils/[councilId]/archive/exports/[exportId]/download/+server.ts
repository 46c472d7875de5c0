import { error } from '@sveltejs/kit';
import { requireExportJob } from '$lib/server/web/export-job';
import type { RequestHandler } from './$types';

/** The finished zip of an export this person started. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { file } = await requireExportJob(locals, url, params);
	if (!file) error(409, { message: 'The export is not ready.', code: 'invalid-input' });
	return new Response(file.zip as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${file.name}"`,
			'content-length': String(file.zip.length),
			'cache-control': 'private, no-store'
		}
	});
};
