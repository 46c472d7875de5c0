import type { Pool } from '../../src/lib/server/db/database';
import { COLLAB_RELAY_CHANNEL } from '../../src/lib/server/repositories/collab.repository';
import type { Logger } from '../log';

export interface RelayListener {
	/** Resolves once LISTEN is in place: a document loaded after this misses no later row. */
	ready: Promise<void>;
	close(): Promise<void>;
}

/** `<instance> <doc name> <id>,<id>,…` — what an instance announces after appending update rows. */
export const relayTag = (instance: string, docName: string) => `${instance} ${docName}`;

/**
 * Hears which update rows other instances appended. The notification carries only row ids (a
 * payload is capped at 8000 bytes; an update can be megabytes), so the receiver reads the rows.
 * Its own announcements are skipped by instance id, so nothing is applied or relayed twice.
 * After the LISTEN connection is lost and re-established, notifications sent meanwhile are gone:
 * `onResubscribed` lets the caller re-read what it holds.
 */
export function listenForRelay(
	sql: Pool,
	instance: string,
	on: {
		updates(docName: string, ids: number[]): void;
		resubscribed(): void;
	},
	log: Logger
): RelayListener {
	let subscribed = false;
	const listening = sql.listen(
		COLLAB_RELAY_CHANNEL,
		(payload) => {
			const [from, docName, list] = payload.split(' ');
			if (!from || !docName || !list || from === instance) return;
			const ids = list.split(',').map(Number).filter(Number.isSafeInteger);
			if (ids.length) on.updates(docName, ids);
		},
		() => {
			if (subscribed) on.resubscribed();
			subscribed = true;
		}
	);
	listening.catch((error: unknown) => log.error('collab relay: cannot listen', error));
	return {
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
