import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

test.use({ locale: 'zh-CN' });

test('[card:print-any] the clerk who checks people in at the door picks any member’s check-in card; a member sees only their own', async ({
	page,
	browser,
	e2e,
	signInAs
}) => {
	const { councilId } = await signInAs(page, 'jinghuClerk');
	await page.goto(`/councils/${councilId}/card`);
	await expect(page.getByRole('heading', { level: 1, name: /方小敏\s?的签到卡/ })).toBeVisible();
	await page.getByLabel('成员').selectOption({ label: '陈阿根' });
	await page.getByRole('button', { name: '显示签到卡' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /陈阿根\s?的签到卡/ })).toBeVisible();
	await expect(page.getByLabel('成员')).toHaveValue(new URL(page.url()).searchParams.get('member')!);
	await expectNoSeriousA11yViolations(page);

	const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2e.baseURL });
	const elder = await context.newPage();
	await signInAs(elder, 'jinghuRemote');
	await elder.goto(`/councils/${councilId}/card`);
	await expect(elder.getByRole('heading', { level: 1, name: /陈阿根\s?的签到卡/ })).toBeVisible();
	await expect(elder.getByLabel('成员')).toHaveCount(0);
	// A phone at 200% zoom: the card, QR code and all, stays on the screen.
	await elder.setViewportSize({ width: 195, height: 422 });
	const { scrollWidth, innerWidth } = await elder.evaluate(() => ({
		scrollWidth: document.scrollingElement!.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
	await context.close();
});
