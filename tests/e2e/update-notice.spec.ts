import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import type { E2EState } from './state';

const WORDS = {
	zh: { notice: '议事已更新到新版本', reload: '立即刷新', live: '实时连接' },
	en: { notice: 'A new version of Yishi is available', reload: 'Reload now', live: 'Live' }
};

/** From now on the server's build looks newer than the page's (as after an upgrade while the tab was open). */
async function upgradeServer(page: Page) {
	await page.route('**/_app/version.json', (route) =>
		route.fulfill({ contentType: 'application/json', body: JSON.stringify({ version: 'after-upgrade' }) })
	);
}

const comeBackToTab = (page: Page) =>
	page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

test.describe('a tab left open through an upgrade', () => {
	for (const [locale, w] of [
		['zh-CN', WORDS.zh],
		['en-GB', WORDS.en]
	] as const) {
		test(`[app:update-notice] ${locale}: coming back to the tab tells of the new version; reloading takes it`, async ({
			browser,
			e2e
		}) => {
			const context = await browser.newContext({ locale, baseURL: e2e.baseURL });
			const page = await context.newPage();
			await page.goto('/');
			await comeBackToTab(page);
			// The same version: nothing to say.
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByRole('alert').filter({ hasText: w.notice })).toHaveCount(0);

			await upgradeServer(page);
			const notice = page.getByRole('alert').filter({ hasText: w.notice });
			// On a busy machine the page may still be hydrating, and nobody listens for the tab coming
			// back until it has: come back until it answers.
			await expect
				.poll(async () => {
					await comeBackToTab(page);
					return notice.isVisible();
				})
				.toBe(true);
			await expectNoSeriousA11yViolations(page);

			const reload = notice.getByRole('button', { name: w.reload });
			await reload.focus();
			await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByRole('alert').filter({ hasText: w.notice })).toHaveCount(0);
			await context.close();
		});
	}

	test.describe('on a meeting screen', () => {
		const w = WORDS.zh;
		test.beforeEach(({ page, signInAs }) => signInAs(page, 'jinghuRemote'));
		const openMeeting = (page: Page, e2e: E2EState) =>
			page.goto(`/councils/${e2e.councils['jinghu-elders']!.id}/meetings/${e2e.meetings.jinghu}`);

		test('[app:update-notice] a meeting screen whose connection comes back asks at once', async ({
			page,
			e2e
		}) => {
			// The meeting's socket passes through here, so the test can cut it as a restarting server would.
			const sockets: { close(): Promise<void> }[] = [];
			await page.routeWebSocket(/\/socket\.io\//, (ws) => {
				const server = ws.connectToServer();
				sockets.push({ close: () => server.close() });
			});
			await openMeeting(page, e2e);
			await expect(page.getByText(w.live, { exact: true })).toBeVisible();
			expect(sockets).toHaveLength(1);

			await upgradeServer(page);
			await sockets[0]!.close();
			await expect(page.getByRole('alert').filter({ hasText: w.notice })).toBeVisible();
			// …and the meeting carries on meanwhile.
			await expect(page.getByText(w.live, { exact: true })).toBeVisible();
			expect(sockets).toHaveLength(2);
		});

		test('[app:update-notice] a meeting screen that cannot read the server’s snapshot says so and offers the new version', async ({
			page,
			e2e
		}) => {
			const errors: Error[] = [];
			page.on('pageerror', (error) => errors.push(error));
			await upgradeServer(page);
			// The join answer's packed snapshot is its one binary attachment; a newer server's format is
			// played here by bytes that are no snapshot at all.
			await page.routeWebSocket(/\/socket\.io\//, (ws) => {
				const server = ws.connectToServer();
				server.onMessage((message) =>
					ws.send(typeof message === 'string' ? message : Buffer.from('not a snapshot'))
				);
			});
			await openMeeting(page, e2e);
			await expect(page.getByText('无法进入会议（unreadable）')).toBeVisible();
			await expect(page.getByRole('alert').filter({ hasText: w.notice })).toBeVisible();
			expect(errors).toEqual([]);
		});
	});
});
