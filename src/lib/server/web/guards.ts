import { error, redirect } from '@sveltejs/kit';
import type { SignedInUser } from '../auth/signed-in-user';
import type { ErrorCode } from '../../protocol/errors';
import { Uuid } from '../../protocol/council.schema';

/** Pages behind sign-in send visitors to /signin and back afterwards. */
export function requireUser(locals: App.Locals, url: URL): SignedInUser {
	if (!locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** A malformed id is simply a page that does not exist. */
export function requireUuid(value: string): string {
	if (!Uuid.safeParse(value).success) error(404, { message: 'Not found', code: 'not-found' });
	return value;
}

const STATUS: Partial<Record<string, number>> = {
	forbidden: 403,
	'not-found': 404,
	'invalid-input': 400,
	'invite-invalid': 404,
	'invite-expired': 410,
	'invite-used': 410,
	'access-revoked': 403
};

/** The HTTP status that goes with a service failure's code. */
export const statusOf = (code: string): number => STATUS[code] ?? 400;

/** Turns a service failure into the error page, with its stable code for the page to explain. */
export function failPage(e: { code: ErrorCode; message: string }): never {
	error(statusOf(e.code), { message: e.message, code: e.code });
}
