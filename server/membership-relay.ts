import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Pool } from '../src/lib/server/db/database';
import type { DomainEvents } from '../src/lib/server/services/domain-events';
import type { Logger } from './log';

export const MEMBERSHIP_RELAY_CHANNEL = 'yishi_membership';

const Announcement = z.object({
	from: z.string(),
	type: z.enum(['membership:revoked', 'membership:changed']),
	councilId: z.string(),
	userId: z.string()
});

/**
 * Tells the other instances on one Postgres server of every revocation and role change made here,
 * and this instance of theirs, as the same domain events: a revoked member's sockets and document
 * connections close on every instance at once, and each meeting room forgets who they were. Were
 * notifications lost (the listening connection dropped and came back), every instance's
 * remembered memberships are dropped ('membership:all-stale'), so the caches can be long-lived.
 */
export function relayMembership(sql: Pool, events: DomainEvents, log: Logger) {
	const instance = randomUUID();
	let subscribed = false;
	const listening = sql.listen(
		MEMBERSHIP_RELAY_CHANNEL,
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
	const announce =
		(type: 'membership:revoked' | 'membership:changed') =>
		({ councilId, userId, relayed }: { councilId: string; userId: string; relayed?: true }) => {
			if (relayed) return;
			const payload = JSON.stringify({ from: instance, type, councilId, userId });
			sql.notify(MEMBERSHIP_RELAY_CHANNEL, payload).catch((error: unknown) => {
				log.error('membership relay: cannot announce', error);
				// The other instances' caches may now be wrong about this person; at least ours is right.
			});
		};
	const offs = [
		events.on('membership:revoked', announce('membership:revoked')),
		events.on('membership:changed', announce('membership:changed'))
	];
	return {
		/** Resolves once this instance listens. */
		ready: listening.then(
			() => undefined,
			() => undefined
		),
		async close() {
			for (const off of offs) off();
			const { unlisten } = await listening.catch(() => ({ unlisten: async () => {} }));
			await unlisten().catch(() => {});
		}
	};
}
