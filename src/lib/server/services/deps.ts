import type { Pool } from '../db/database';
import type { DomainEvents } from './domain-events';

/** What every service is handed by the composition root; nothing else is reached for. */
export interface ServiceDeps {
	sql: Pool;
	now: () => Date;
	/** Public base URL, for links that leave the app (invites, calendar feeds). */
	origin: string;
	events: DomainEvents;
}
