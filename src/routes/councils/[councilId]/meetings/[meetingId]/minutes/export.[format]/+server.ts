import { error } from '@sveltejs/kit';
import { MinutesFormatInput, MinutesLocaleInput, MinutesVersionInput } from '$lib/protocol/minutes.schema';
import { appContext } from '$lib/server/context';
import { requireUser, statusOf } from '$lib/server/web/guards';
import type { RequestHandler } from './$types';

/** `export.pdf?lang=zh&version=2`: one minutes version as a file (the current draft without `version`). */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const format = MinutesFormatInput.safeParse(params.format);
	const locale = MinutesLocaleInput.safeParse(url.searchParams.get('lang') ?? 'zh');
	const asked = url.searchParams.get('version');
	const version = asked === null ? null : MinutesVersionInput.safeParse(asked);
	if (!format.success || !locale.success || (version && !version.success))
		error(404, { message: 'Not found', code: 'not-found' });
	const file = await appContext().services.minutes.file({
		userId: user.id,
		meetingId: params.meetingId,
		format: format.data,
		locale: locale.data,
		version: version?.data
	});
	if (!file.ok) error(statusOf(file.error.code), { message: file.error.message, code: file.error.code });
	// The printable page opens in the browser; every other format downloads.
	const disposition = format.data === 'html' ? 'inline' : 'attachment';
	return new Response(file.value.body as BodyInit, {
		headers: {
			'content-type': file.value.contentType,
			'content-disposition': `${disposition}; filename="${file.value.name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
