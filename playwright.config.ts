import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the production build (`npm run build` first; `npm test` does it).
 * tests/e2e/global-setup.ts starts the real app in this process on a free port with a fresh
 * database and writes its address and invite links to a state file that tests/e2e/fixtures.ts reads.
 */
const chromium =
	process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
	testDir: 'tests/e2e',
	// Playwright empties its output folder on start: keep it apart from the state file and other reports.
	outputDir: 'test-results/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	// One worker: the machine has two cores and the app under test shares them.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	forbidOnly: true,
	reporter: 'list',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	use: {
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		locale: 'zh-CN'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromium,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync'
					]
				}
			}
		}
	]
});
