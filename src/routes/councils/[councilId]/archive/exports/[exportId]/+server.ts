import { json } from '@sveltejs/kit';
import { requireExportJob } from '$lib/server/web/export-job';
import type { RequestHandler } from './$types';

/** How far an export has got: { state: running | ready | failed, done, total }. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { state, done, total } = await requireExportJob(locals, url, params);
	return json({ state, done, total }, { headers: { 'cache-control': 'no-store' } });
};
