import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import {
	E2E_CLAIMS_DIR,
	E2E_PEOPLE,
	readE2EState,
	type E2EMeeting,
	type E2EPerson,
	type E2EState
} from './state';

export { expect };
export { E2E_PEOPLE, type E2EMeeting, type E2EPerson };

export interface SignedIn {
	/** The council the invite belongs to; the browser is on /councils/<councilId> afterwards. */
	councilId: string;
	name: string;
}

interface Fixtures {
	/** Everything global-setup.ts wrote: baseURL, councils, people (ids, names, roles). */
	e2e: E2EState;
	/** An invite URL for this person that no other test has used (each is single-use). */
	inviteFor: (person: E2EPerson) => string;
	/** Opens a fresh invite for the person in `page`, confirms it, and waits for the council page. */
	signInAs: (page: Page, person: E2EPerson) => Promise<SignedIn>;
	/**
	 * The id of a scheduled, never-opened meeting of this council (same agenda as its demo meeting)
	 * that no other test has taken: for tests that open or adjourn a meeting, which happens once.
	 */
	freshMeeting: (meeting: E2EMeeting) => string;
	/**
	 * Two such meetings, one right after the other (no meeting of the council between them): for
	 * a test where the second approves the first one's minutes. Taken from the latest ones.
	 */
	freshMeetingPair: (meeting: E2EMeeting) => [earlier: string, later: string];
}

let cached: E2EState | undefined;
const state = () => (cached ??= readE2EState());

/**
 * Takes the first invite of this person not yet claimed by any test in any worker: claiming is
 * creating an empty marker file exclusively, which the file system makes atomic.
 */
function claimInvite(person: E2EPerson): string {
	const invites = state().people[person].invites;
	return claim(
		person,
		invites,
		() =>
			`All ${invites.length} invites for ${person} are used: raise INVITES_PER_PERSON in tests/e2e/state.ts.`
	);
}

/** Takes the first fresh meeting of this council not yet claimed, the same way as invites. */
function claimMeeting(meeting: E2EMeeting): string {
	const ids = state().freshMeetings[meeting];
	return claim(
		`meeting.${meeting}`,
		ids,
		() =>
			`All ${ids.length} fresh ${meeting} meetings are used: raise FRESH_MEETINGS_PER_COUNCIL in tests/e2e/state.ts.`
	);
}

function claimMeetingPair(meeting: E2EMeeting): [string, string] {
	const ids = state().freshMeetings[meeting];
	for (let i = ids.length - 2; i >= 0; i--) {
		if (!tryClaim(`meeting.${meeting}`, i + 1)) continue;
		if (tryClaim(`meeting.${meeting}`, i)) return [ids[i]!, ids[i + 1]!];
	}
	throw new Error(
		`No two adjacent fresh ${meeting} meetings are left: raise FRESH_MEETINGS_PER_COUNCIL in tests/e2e/state.ts.`
	);
}

function tryClaim(prefix: string, i: number): boolean {
	try {
		closeSync(openSync(join(E2E_CLAIMS_DIR, `${prefix}.${i}`), 'wx'));
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		return false;
	}
}

function claim(prefix: string, values: readonly string[], exhausted: () => string): string {
	for (const [i, value] of values.entries()) if (tryClaim(prefix, i)) return value;
	throw new Error(exhausted());
}

export const test = base.extend<Fixtures>({
	// The app's port is chosen at global setup, after the config was read: take the address from the state.
	baseURL: async ({}, use) => {
		await use(state().baseURL);
	},
	e2e: async ({}, use) => {
		await use(state());
	},
	inviteFor: async ({}, use) => {
		await use(claimInvite);
	},
	freshMeeting: async ({}, use) => {
		await use(claimMeeting);
	},
	freshMeetingPair: async ({}, use) => {
		await use(claimMeetingPair);
	},
	signInAs: async ({}, use) => {
		await use(async (page, person) => {
			await page.goto(claimInvite(person));
			await page.getByRole('button', { name: /登录|Sign in/ }).click();
			await page.waitForURL(/\/councils\/[^/?#]+/);
			const { councilId, name } = state().people[person];
			return { councilId, name };
		});
	}
});

/** Impacts that fail a test; minor and moderate findings are left to review. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe on the page as it is now and fails with a readable list of every serious or critical
 * violation (rule, impact, help, and the offending elements).
 */
export async function expectNoSeriousA11yViolations(
	page: Page,
	options: { include?: string; exclude?: string[]; disableRules?: string[] } = {}
): Promise<void> {
	let builder = new AxeBuilder({ page });
	if (options.include) builder = builder.include(options.include);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
	const { violations } = await builder.analyze();
	const blocking = violations.filter((v) => v.impact && BLOCKING.has(v.impact));
	const report = blocking
		.map((v) => {
			const nodes = v.nodes.map(
				(n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`
			);
			return [`  [${v.impact}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`, ...nodes].join('\n');
		})
		.join('\n');
	expect(blocking, `Accessibility violations on ${page.url()}:\n${report}`).toEqual([]);
}

/** A landmark region by its exact accessible name. */
export const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Collects any uncaught error in the page (a broken build or a client bug), for the test to check. */
export function watchErrors(page: Page, errors: string[]) {
	page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}

/** Another browser (its own cookies) signed in as `person`, in `locale`. */
export async function signedInPage(
	browser: Browser,
	e2e: E2EState,
	signInAs: (page: Page, person: E2EPerson) => Promise<unknown>,
	person: E2EPerson,
	locale = 'zh-CN'
): Promise<Page> {
	const context = await browser.newContext({ locale, baseURL: e2e.baseURL });
	const page = await context.newPage();
	await signInAs(page, person);
	return page;
}
