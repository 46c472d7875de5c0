import type { Pool } from '../db/database';
import type { DomainEvents } from './domain-events';
import type { NoticeMembership } from './membership-notice';

/** What every service is handed by the composition root; nothing else is reached for. */
export interface ServiceDeps {
	sql: Pool;
	now: () => Date;
	/** Public base URL, for links that leave the app (invites, calendar feeds). */
	origin: string;
	events: DomainEvents;
	/**
	 * Documents being edited in this process, registered by the collab endpoint: their state may be
	 * a few milliseconds ahead of the database, and a frozen version must include every edit seen.
	 */
	liveDocuments?: { state(docName: string): Uint8Array | null };
	/**
	 * With a server database, other instances may share it: membership changes tell them inside
	 * their own transaction (see membership-notice.ts).
	 */
	noticeMembership?: NoticeMembership;
}
