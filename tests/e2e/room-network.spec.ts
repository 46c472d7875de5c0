import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A laptop in the meeting room runs `npm start` as it comes (no ORIGIN, no mail); the phones on
 * its Wi-Fi reach it by its network address, not by localhost. Here 127.0.0.1 stands in for that
 * address: the app was started for neither, and must serve both.
 */
const root = resolve(import.meta.dirname, '../..');
let server: ChildProcess;
let port: number;
let dataDir: string;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'yishi-room-'));
	// Node itself with tsx's loader (what `npm start` runs), not through npx: a signal to npx does
	// not reach the server, which would outlive the tests.
	server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: root,
		// Only what an operator's shell would have: no ORIGIN, SMTP_URL or DATABASE_URL.
		env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: '0', HOST: '0.0.0.0' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let out = '';
	port = await new Promise<number>((done, fail) => {
		const timer = setTimeout(() => fail(new Error(`no start within 90 s:\n${out}`)), 90_000);
		server.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const listening = /listening on http:\/\/localhost:(\d+)/.exec(out);
			if (listening) {
				clearTimeout(timer);
				done(Number(listening[1]));
			}
		});
		server.once('exit', (code) => fail(new Error(`exited with ${code}:\n${out}`)));
	});
});

test.afterAll(async () => {
	if (server.exitCode === null && server.signalCode === null) {
		const exited = new Promise((done) => server.once('exit', done));
		server.kill('SIGTERM');
		const killer = setTimeout(() => server.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(killer);
	}
	rmSync(dataDir, { recursive: true, force: true });
});

test.use({ locale: 'zh-CN' });

for (const host of ['127.0.0.1', 'localhost']) {
	test(`[app:any-address] signed in through http://${host}, a moderator's invitation and calendar links carry that address`, async ({
		page
	}) => {
		const base = `http://${host}:${port}`;
		await page.goto(`${base}/signin`);
		// A form post: refused as cross-site if the app checked it against another address.
		await page.getByRole('button', { name: '以王德福登录' }).click();
		await expect(page).toHaveURL(`${base}/councils`);
		await page.getByRole('link', { name: '景湖社区老年协会' }).click();
		// Inside the folded calendar section, so not by role.
		await expect(page.locator('a[href^="webcal:"]')).toHaveAttribute(
			'href',
			new RegExp(`^webcal://${host}:${port}/councils/[0-9a-f-]+/calendar\\.ics\\?key=`)
		);

		await page.getByRole('link', { name: '管理成员与邀请' }).click();
		await page.getByRole('button', { name: '生成邀请：陈阿根', exact: true }).click();
		const invite = page.getByRole('link', { name: new RegExp(`^${base}/invite/`) });
		await expect(invite).toBeVisible();

		// The link works from a phone that has never signed in.
		const phone = await page.context().browser()!.newContext({ locale: 'zh-CN' });
		const phonePage = await phone.newPage();
		await phonePage.goto((await invite.getAttribute('href'))!);
		await expect(phonePage.getByText('陈阿根', { exact: false }).first()).toBeVisible();
		await phone.close();
	});
}
