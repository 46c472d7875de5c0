import type { z } from 'zod';
import type { Ack, ErrorBody } from '../../src/lib/protocol/errors';
import type { Logger } from '../log';
import { isDatabaseUnavailable } from '../../src/lib/server/db/database';

export type AckFn<T> = (answer: Ack<T>) => void;

/**
 * Wraps a socket event: the payload is parsed with its schema, a missing or malformed payload is
 * answered with `invalid-input`, and an unexpected throw becomes `internal` (logged), never a crash.
 */
export function handler<S extends z.ZodType, T>(
	log: Logger,
	name: string,
	schema: S,
	run: (input: z.infer<S>) => Promise<Ack<T>>
) {
	return (...args: unknown[]) => {
		const last = args.at(-1);
		const ack: AckFn<T> = typeof last === 'function' ? (last as AckFn<T>) : () => {};
		const payload = typeof last === 'function' ? args.slice(0, -1)[0] : args[0];
		const parsed = schema.safeParse(payload ?? {});
		if (!parsed.success) {
			const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
			return ack({ ok: false, error: { code: 'invalid-input', message: detail.join('; ') } });
		}
		run(parsed.data).then(ack, (error: unknown) => {
			log.error(`socket ${name} failed`, error);
			ack({ ok: false, error: internalError(error) });
		});
	};
}

function internalError(error: unknown): ErrorBody {
	return isDatabaseUnavailable(error)
		? { code: 'unavailable', message: 'The database is not reachable; try again shortly.' }
		: { code: 'internal', message: 'Something went wrong on the server.' };
}
