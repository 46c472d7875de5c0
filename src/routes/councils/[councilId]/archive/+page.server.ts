import { ArchiveQueryInput } from '$lib/protocol/minutes.schema';
import { appContext } from '$lib/server/context';
import { failPage, requireUser } from '$lib/server/web/guards';
import { fail } from '@sveltejs/kit';
import { can, CouncilAction } from '$lib/domain/council/permission';
import { formObject } from '$lib/server/web/form';
import type { Actions, PageServerLoad } from './$types';

/** Today in China Standard Time, as the date inputs want it. */
const today = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const user = requireUser(locals, url);
	const { services, deps } = appContext();
	const asked = ArchiveQueryInput.safeParse({
		q: url.searchParams.get('q') ?? '',
		from: url.searchParams.get('from') || '2000-01-01',
		to: url.searchParams.get('to') || today(deps.now())
	});
	const query = asked.success ? asked.data : { q: '', from: '2000-01-01', to: today(deps.now()) };
	// With no keyword the range is browsed: every decision and task in it.
	const results = await services.archive.search(user.id, params.councilId, query);
	if (!results.ok) failPage(results.error);
	const { view } = await parent();
	return {
		query,
		results: results.value,
		minutesPublic: await services.archive.isPublic(params.councilId),
		mayPublish: can({ role: view.role }, CouncilAction.edit)
	};
};

export const actions: Actions = {
	publish: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const form = await formObject(request);
		const saved = await appContext().services.archive.setPublic(
			user.id,
			params.councilId,
			form.public === 'on'
		);
		if (!saved.ok) return fail(403, { publishError: saved.error.code });
		return { published: saved.value };
	}
};
