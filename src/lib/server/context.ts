import type { SvelteKitAuthConfig } from '@auth/sveltekit';
import type { Database } from './db/database';
import type { ServiceDeps } from './services/deps';
import type { Services } from './services';

/** What the SvelteKit side needs to know of the process configuration. */
export interface AppSettings {
	origin: string;
	demoSignIn: boolean;
	emailDelivery: 'smtp' | 'log';
	databaseKind: Database['kind'];
	secureCookies: boolean;
}

export interface AppContext {
	settings: AppSettings;
	db: Database;
	deps: ServiceDeps;
	services: Services;
	authConfig: SvelteKitAuthConfig;
}

/**
 * The SvelteKit bundle and server/ load separate copies of this module, so the one context the
 * process composes lives on a global symbol rather than in a module variable.
 */
const KEY = Symbol.for('yishi.context');
type Holder = { [KEY]?: AppContext };

export function setAppContext(ctx: AppContext | undefined): void {
	(globalThis as Holder)[KEY] = ctx;
}

export function appContext(): AppContext {
	const ctx = (globalThis as Holder)[KEY];
	if (!ctx) throw new Error('Yishi is not composed: start it through server/main.ts or server/dev.ts');
	return ctx;
}
