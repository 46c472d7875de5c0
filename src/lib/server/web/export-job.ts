import { appContext } from '../context';
import { failPage, requireUser, requireUuid } from './guards';

/** The archive export named in the address, if the signed-in person started it in this council. */
export async function requireExportJob(
	locals: App.Locals,
	url: URL,
	params: { councilId: string; exportId: string }
) {
	const user = requireUser(locals, url);
	const job = await appContext().services.archive.exportProgress(
		user.id,
		requireUuid(params.councilId),
		requireUuid(params.exportId)
	);
	if (!job.ok) failPage(job.error);
	return job.value;
}
