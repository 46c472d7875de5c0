import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, region, test } from './fixtures';

/** Downloads one export link and returns the file's name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
	return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test.describe('minutes in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('the clerk sees the generated draft, edits the notes, and downloads every format', async ({
		page,
		e2e,
		signInAs,
		freshMeeting
	}) => {
		await signInAs(page, 'jinghuClerk');
		const council = e2e.councils['jinghu-elders']!.id;
		const meeting = `/councils/${council}/meetings/${freshMeeting('jinghu')}`;
		await page.goto(`${meeting}/minutes`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('会议纪要');
		await expect(page.getByTestId('minutes-status')).toHaveText(/草稿/);
		const minutes = page.getByRole('article');
		await expect(minutes).toContainText('景湖社区老年协会');
		await expect(minutes).toContainText('通过上月会议纪要');

		await page.getByLabel(/第 1 项议题的记录/).fill('王德福宣布开会，方小敏记录。');
		await page.getByRole('button', { name: '保存记录' }).click();
		await expect(page.getByText('记录已保存。')).toBeVisible();
		await expect(page.getByTestId('minutes-status')).toHaveText(/草稿，第 1 版/);
		await expect(minutes).toContainText('王德福宣布开会，方小敏记录。');
		await expectNoSeriousA11yViolations(page);

		const pdf = await download(page, 'export-pdf-zh');
		expect(pdf.name).toMatch(/^minutes-.*\.zh\.pdf$/);
		expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const docx = await download(page, 'export-docx-zh');
		expect(docx.name).toMatch(/\.zh\.docx$/);
		expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
		const md = await download(page, 'export-md-zh');
		expect(md.bytes.toString('utf8')).toContain('王德福宣布开会，方小敏记录。');
		const json = JSON.parse((await download(page, 'export-json-en')).bytes.toString('utf8'));
		expect(json.format).toBe('popolo');
		expect(json.events[0].agenda[0].notes).toBe('王德福宣布开会，方小敏记录。');

		await page.goto(`${meeting}/minutes/export.html?lang=zh`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('会议纪要');
		await expectNoSeriousA11yViolations(page);
	});

	test('a member reads the minutes but has no editing form', async ({ page, e2e, signInAs }) => {
		await signInAs(page, 'member');
		await page.goto(`/councils/${e2e.councils['pepsi-council']!.id}/meetings/${e2e.meetings.pepsi}/minutes`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('会议纪要');
		await expect(page.getByRole('button', { name: '保存记录' })).toHaveCount(0);
		await expect(page.getByTestId('export-pdf-zh')).toBeVisible();
	});
});

test.describe('minutes in English', () => {
	test.use({ locale: 'en-GB' });

	test('the minutes page speaks English and passes axe', async ({ page, e2e, signInAs }) => {
		await signInAs(page, 'clerk');
		await page.goto(`/councils/${e2e.councils['pepsi-council']!.id}/meetings/${e2e.meetings.pepsi}/minutes`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Minutes');
		await expect(page.getByRole('article')).toContainText('Attendance');
		await expect(page.getByRole('heading', { name: 'Edit the notes' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});
});

test.describe('archive', () => {
	test.use({ locale: 'zh-CN' });

	test('the clerk searches the archive and downloads a zip whose manifest holds', async ({
		page,
		e2e,
		signInAs
	}) => {
		await signInAs(page, 'jinghuClerk');
		await page.getByRole('link', { name: '档案' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('档案');
		await page.getByLabel('关键词（中文或英文）').fill('集装箱');
		await page.getByRole('button', { name: '搜索' }).click();
		await expect(page).toHaveURL(/q=%E9%9B%86%E8%A3%85%E7%AE%B1/);
		await expect(page.getByTestId('archive-results')).toBeVisible();
		await expectNoSeriousA11yViolations(page);

		// The demo meetings are scheduled ahead of today.
		await page.getByLabel('开始日期').last().fill('2020-01-01');
		await page.getByLabel('结束日期').last().fill('2035-12-31');
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('archive-export').click()
		]);
		expect(file.suggestedFilename()).toMatch(/^jinghu-elders-2020-01-01-\d{4}-\d{2}-\d{2}\.zip$/);
		const files = unzipSync(await readFile((await file.path())!));
		const manifest = JSON.parse(strFromU8(files['manifest.json']!));
		expect(manifest.council.id).toBe(e2e.councils['jinghu-elders']!.id);
		expect(manifest.logs.length).toBeGreaterThan(0);
		for (const f of manifest.files) {
			expect(createHash('sha256').update(files[f.path]!).digest('hex')).toBe(f.sha256);
		}
	});

	test('[archive:browse] the clerk browses 2019 without a keyword: minutes, plain snippets, task status in Chinese', async ({
		page,
		e2e,
		signInAs
	}) => {
		await signInAs(page, 'jinghuClerk');
		const archive = `/councils/${e2e.councils['jinghu-elders']!.id}/archive`;
		await page.goto(`${archive}?q=&from=2019-01-01&to=2019-12-31`);
		const results = page.getByTestId('archive-results');
		const minutes = results.getByRole('link', { name: /老年协会月度例会（2019年5月）/ });
		await expect(minutes).toBeVisible();
		await expect(results.getByRole('link', { name: /老年协会月度例会（2019年6月）/ })).toBeVisible();
		await expect(results.getByText(/陈阿根，期限 2019-06-14，已完成/)).toBeVisible();
		await expect(results.getByText(/，done$/)).toHaveCount(0);

		await page.goto(`${archive}?q=${encodeURIComponent('集装箱')}&from=2019-01-01&to=2019-12-31`);
		const snippets = await results.locator('ul ul li').allTextContents();
		expect(snippets.length).toBeGreaterThan(0);
		for (const snippet of snippets) {
			expect(snippet).toContain('集装箱');
			expect(snippet).not.toMatch(/---|(^|\s)- |[A-Za-z]{4,}/);
		}
	});
});

test.describe('archive in English', () => {
	test.use({ locale: 'en-GB' });

	test('the archive page speaks English and passes axe', async ({ page, e2e, signInAs }) => {
		await signInAs(page, 'clerk');
		await page.goto(`/councils/${e2e.councils['pepsi-council']!.id}/archive?q=garden`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
		await expect(page.getByRole('heading', { name: 'Export for the archive' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});
});

test.describe('public page', () => {
	test.use({ locale: 'zh-CN' });

	test('a moderator publishes the minutes; anyone reads them without signing in', async ({
		page,
		browser,
		e2e,
		signInAs
	}) => {
		await signInAs(page, 'jinghuModerator');
		await page.goto(`/councils/${e2e.councils['jinghu-elders']!.id}/archive`);
		await page.getByLabel('在任何人都能查看的公开页面上显示已通过的纪要和决议').check();
		await page.getByRole('button', { name: '保存', exact: true }).click();
		await expect(page.getByText('已保存。')).toBeVisible();

		const visitor = await browser.newContext({ locale: 'zh-CN' });
		const anonymous = await visitor.newPage();
		await anonymous.goto(`${e2e.baseURL}/p/jinghu-elders`);
		await expect(anonymous.getByRole('heading', { level: 1 })).toContainText('景湖社区老年协会');
		await expectNoSeriousA11yViolations(anonymous);
		await visitor.close();
	});
});

test.describe('clerk’s live notes', () => {
	test.use({ locale: 'zh-CN' });

	test('[minutes:live-notes] the clerk writes notes on the current item during the meeting; everyone sees them and the draft minutes carry them', async ({
		page,
		browser,
		e2e,
		signInAs,
		freshMeeting
	}) => {
		await signInAs(page, 'jinghuModerator');
		const council = e2e.councils['jinghu-elders']!.id;
		const meeting = `/councils/${council}/meetings/${freshMeeting('jinghu')}`;
		const clerkContext = await browser.newContext({ locale: 'zh-CN', baseURL: e2e.baseURL });
		const clerk = await clerkContext.newPage();
		await signInAs(clerk, 'jinghuClerk');
		await Promise.all([page.goto(meeting), clerk.goto(meeting)]);
		// Fresh meetings are weeks away, so opening one now is confirmed.
		page.once('dialog', (dialog) => void dialog.accept());
		await page.getByRole('button', { name: '开会', exact: true }).click();
		await page.getByRole('button', { name: '下一项', exact: true }).click();

		const notes = clerk.getByRole('textbox', { name: '“开会”的会议记录' });
		await expect(notes).toBeEditable();
		await notes.click();
		await clerk.keyboard.type('王德福宣布开会，到会六人。');
		// The moderator reads them live; only the clerk and moderator may write.
		await expect(page.getByRole('textbox', { name: '“开会”的会议记录' })).toContainText('到会六人');
		await expectNoSeriousA11yViolations(clerk);

		// Moving on to the next item is no keystroke: the clerk does not see the moderator "typing".
		await page.getByRole('button', { name: '下一项', exact: true }).click();
		await expect(notes).toBeHidden();
		await expect(clerk.getByRole('textbox', { name: /的会议记录$/ })).toBeEditable();
		await expect(clerk.getByRole('list', { name: '正在查看本文件' })).toContainText('王德福');
		for (let i = 0; i < 6; i++) {
			await expect(clerk.getByText('王德福正在输入…')).toBeHidden({ timeout: 100 });
			await clerk.waitForTimeout(500);
		}

		await expect
			.poll(
				async () => {
					await clerk.goto(`${meeting}/minutes`);
					return clerk.getByRole('article').textContent();
				},
				{ timeout: 15_000 }
			)
			.toContain('王德福宣布开会，到会六人。');
		await clerkContext.close();
	});
});

test.describe('the minutes loop', () => {
	test.use({ locale: 'zh-CN' });

	test('[minutes:loop] notes taken live, the draft edited, the next meeting approves it, the archive finds it and exports it', async ({
		page,
		browser,
		e2e,
		signInAs,
		freshMeetingPair
	}) => {
		test.setTimeout(120_000);
		const council = e2e.councils['jinghu-elders']!.id;
		const [earlier, later] = freshMeetingPair('jinghu');
		const meeting = (id: string) => `/councils/${council}/meetings/${id}`;
		await signInAs(page, 'jinghuModerator');
		const clerkContext = await browser.newContext({ locale: 'zh-CN', baseURL: e2e.baseURL });
		const clerk = await clerkContext.newPage();
		await signInAs(clerk, 'jinghuClerk');
		// Confirmations are answered as `answer` says, and kept to be read.
		const dialogs: string[] = [];
		let answer = true;
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void (answer ? dialog.accept() : dialog.dismiss());
		});

		// The meeting: the clerk notes the opening item live.
		await Promise.all([page.goto(meeting(earlier)), clerk.goto(meeting(earlier))]);
		await page.getByRole('button', { name: '开会', exact: true }).click();
		await page.getByRole('button', { name: '下一项', exact: true }).click();
		const notes = clerk.getByRole('textbox', { name: '“开会”的会议记录' });
		await expect(notes).toBeEditable();
		await notes.click();
		await clerk.keyboard.type('电梯加装征求意见由方小敏汇总。');
		await expect(page.getByRole('textbox', { name: '“开会”的会议记录' })).toContainText('方小敏汇总');
		await page.getByRole('button', { name: '散会', exact: true }).click();
		await expect(page.getByText('已散会').first()).toBeVisible();

		// After it: the clerk edits the generated draft.
		await clerk.goto(`${meeting(earlier)}/minutes`);
		const edited = '电梯加装征求意见由方小敏汇总。会后补记：意见表共四十份。';
		await clerk.getByLabel(/第 1 项议题的记录/).fill(edited);
		await clerk.getByRole('button', { name: '保存记录' }).click();
		await expect(clerk.getByText('记录已保存。')).toBeVisible();
		await expect(clerk.getByRole('article')).toContainText(edited);

		// The next meeting reaches "approval of the previous minutes" and approves them.
		await page.goto(meeting(later));
		await page.getByRole('button', { name: '开会', exact: true }).click();
		await page.getByRole('button', { name: '下一项', exact: true }).click();
		await page.getByRole('button', { name: '下一项', exact: true }).click();
		await expect(page.getByRole('heading', { name: '上次会议纪要' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		// Nobody is checked in: the chair is told the meeting has no quorum, and asked before approving.
		const previous = region(page, '上次会议纪要');
		const noQuorum = '本次会议目前未达到法定人数，会议通过纪要需要达到法定人数。';
		await expect(previous).toContainText(noQuorum);
		answer = false;
		dialogs.length = 0;
		await previous.getByRole('button', { name: '通过上次会议纪要' }).click();
		expect(dialogs).toEqual([
			`${noQuorum}\n\n确定记录本次会议通过老年协会月度例会的纪要吗？通过后纪要将被锁定。`
		]);
		await expect(previous.getByRole('button', { name: '通过上次会议纪要' })).toBeVisible();
		// Checked in, the chair approves; the room stays on screen and says so.
		await page.getByRole('button', { name: '现场签到王德福', exact: true }).click();
		await page.getByRole('button', { name: '现场签到林海生', exact: true }).click();
		await page.getByRole('button', { name: '现场签到孙卫东', exact: true }).click();
		await page.getByRole('button', { name: '现场签到陈阿根', exact: true }).click();
		await expect(region(page, '法定人数')).toContainText('已达到法定人数');
		await expect(previous).not.toContainText(noQuorum);
		answer = true;
		dialogs.length = 0;
		await previous.getByRole('button', { name: '通过上次会议纪要' }).click();
		await expect(previous).toContainText('已通过老年协会月度例会的纪要。');
		expect(dialogs).toEqual(['确定记录本次会议通过老年协会月度例会的纪要吗？通过后纪要将被锁定。']);
		await expect(page).toHaveURL(new RegExp(`${meeting(later)}$`));
		await expect(previous.getByRole('button', { name: '通过上次会议纪要' })).toHaveCount(0);
		await page.goto(`${meeting(earlier)}/minutes`);
		await expect(page.getByTestId('minutes-status')).toHaveText(/已通过/);

		// The archive finds the approved minutes and exports them, showing its progress.
		// The fresh meetings are scheduled months ahead, beyond the search's default range (up to today).
		await clerk.goto(
			`/councils/${council}/archive?q=${encodeURIComponent('电梯加装')}&from=2020-01-01&to=2035-12-31`
		);
		await expect(clerk.getByTestId('archive-results')).toContainText('意见表共四十份');
		await clerk.getByLabel('开始日期').last().fill('2020-01-01');
		await clerk.getByLabel('结束日期').last().fill('2035-12-31');
		const [file] = await Promise.all([
			clerk.waitForEvent('download'),
			clerk.getByTestId('archive-export').click()
		]);
		await expect(clerk.getByTestId('archive-export-status')).toContainText('档案已准备好');
		await expectNoSeriousA11yViolations(clerk);
		const files = unzipSync(await readFile((await file.path())!));
		const manifest = JSON.parse(strFromU8(files['manifest.json']!));
		for (const f of manifest.files) {
			expect(createHash('sha256').update(files[f.path]!).digest('hex')).toBe(f.sha256);
		}
		const markdown = manifest.files.find((f: { path: string }) =>
			new RegExp(`${earlier}/minutes-v\\d+/minutes\\.zh\\.md$`).test(f.path)
		);
		expect(markdown, 'the approved minutes are in the zip').toBeDefined();
		expect(strFromU8(files[markdown.path]!)).toContain(edited);
		expect(manifest.logs.map((l: { meetingId: string }) => l.meetingId)).toContain(earlier);
		await clerkContext.close();
	});
});
