import { z } from 'zod';
import type { Pool } from '../src/lib/server/db/database';
import type { DomainEvents } from '../src/lib/server/services/domain-events';
import { MEMBERSHIP_CHANNEL } from '../src/lib/server/services/membership-notice';
import type { Logger } from './log';

const Announcement = z.object({
	from: z.string(),
	type: z.enum(['membership:revoked', 'membership:changed']),
	councilId: z.string(),
	userId: z.string()
});

/**
 * Hears the revocations and role changes other instances on one Postgres server commit (each sends
 * its notice inside the change's transaction: see membership-notice.ts; `instance` is the id this
 * one signs its own with) and raises them here as the same domain events: a revoked member's
 * sockets and document connections close on every instance at once, and each meeting room forgets
 * who they were. Were notices lost (the listening connection dropped and came back), every
 * remembered membership is dropped ('membership:all-stale'), so the caches can be long-lived.
 */
export function relayMembership(sql: Pool, events: DomainEvents, log: Logger, instance: string) {
	let subscribed = false;
	const listening = sql.listen(
		MEMBERSHIP_CHANNEL,
		(payload) => {
			let parsed: unknown;
			try {
				parsed = JSON.parse(payload);
			} catch {
				parsed = null;
			}
			const heard = Announcement.safeParse(parsed);
			if (!heard.success) return log.error(`membership relay: ignored ${payload.slice(0, 200)}`);
			const { from, type, councilId, userId } = heard.data;
			if (from !== instance) events.emit(type, { councilId, userId, relayed: true });
		},
		() => {
			if (subscribed) events.emit('membership:all-stale', {});
			subscribed = true;
		}
	);
	listening.catch((error: unknown) => log.error('membership relay: cannot listen', error));
	return {
		/** Resolves once this instance listens. */
		ready: listening.then(
			() => undefined,
			() => undefined
		),
		async close() {
			const { unlisten } = await listening.catch(() => ({ unlisten: async () => {} }));
			await unlisten().catch(() => {});
		}
	};
}
