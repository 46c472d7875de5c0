import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// A phone held upright; people who need large text set it in the browser.
test.use({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page) {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.scrollingElement!.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide`).toBeLessThanOrEqual(innerWidth);
}

/** Twice the app's own root size (112.5%), as a browser set to 200% text gives it. */
const largeText = (page: Page) => page.addStyleTag({ content: 'html { font-size: 225% !important; }' });

test.describe('reading on a phone', () => {
	test('[layout:phone] the council page, the member forms and minutes with their tables fit a 390px screen', async ({
		page,
		e2e,
		signInAs
	}) => {
		const { councilId } = await signInAs(page, 'moderator');
		await expectNoSidewaysScroll(page);
		await page.goto(`/councils/${councilId}/members`);
		await page.locator('details summary').first().click();
		await expectNoSidewaysScroll(page);
		await page.goto(`/councils/${councilId}/meetings/${e2e.meetings.pepsi}/minutes`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoSidewaysScroll(page);

		await page.context().clearCookies();
		await signInAs(page, 'jinghuModerator');
		await page.getByRole('link', { name: /会议纪要（已通过） 老年协会月度例会（2019年6月）/ }).click();
		await expect(page.getByText(/哈希链末端/)).toBeVisible();
		await expectNoSidewaysScroll(page);
	});

	test('[layout:large-text] at 200% text the member cards and member forms stay inside the screen', async ({
		page,
		signInAs
	}) => {
		const { councilId } = await signInAs(page, 'moderator');
		await largeText(page);
		await expectNoSidewaysScroll(page);
		const card = page.locator('.member-grid .card').first();
		expect((await card.boundingBox())!.width).toBeLessThanOrEqual(390);

		await page.goto(`/councils/${councilId}/members`);
		await largeText(page);
		await page.locator('details summary').first().click();
		await expectNoSidewaysScroll(page);
		for (const field of await page.locator('form[action="?/add"] input, form[action="?/add"] select').all()) {
			const box = await field.boundingBox();
			if (box) expect(box.x + box.width).toBeLessThanOrEqual(390);
		}
	});
});

test.describe('on a desktop', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('[layout:room-heading] the projector and minutes buttons sit together after the meeting’s title', async ({
		page,
		e2e,
		signInAs
	}) => {
		const { councilId } = await signInAs(page, 'member');
		await page.goto(`/councils/${councilId}/meetings/${e2e.meetings.pepsi}`);
		const projector = (await page.getByRole('link', { name: '投影视图' }).boundingBox())!;
		const minutes = (await page.getByRole('link', { name: '会议纪要', exact: true }).boundingBox())!;
		expect(Math.abs(projector.y - minutes.y)).toBeLessThan(4);
		expect(minutes.x - (projector.x + projector.width)).toBeLessThan(40);
	});
});
