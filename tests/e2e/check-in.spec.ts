import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

test.use({ locale: 'zh-CN' });

test('[attendance:code] the moderator checks a member in at the door with the code on their card', async ({
	page,
	signInAs,
	e2e
}) => {
	const { councilId } = await signInAs(page, 'moderator');
	const member = e2e.people.secondMember;

	await page.goto(`/councils/${councilId}/card?member=${member.memberId}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(member.name);
	await expect(page.getByRole('img', { name: `${member.name}的签到二维码` })).toBeVisible();
	const code = (await page.locator('.code strong').textContent())!.replace(/\s/g, '');
	expect(code).toMatch(/^\d{8}$/);
	// On a phone the code stays on one line (an inline element split over two lines has two boxes).
	await page.setViewportSize({ width: 320, height: 640 });
	const lines = await page.locator('.code strong').evaluate((el) => el.getClientRects().length);
	expect(lines).toBe(1);
	await expectNoSeriousA11yViolations(page);

	await page.goto(`/councils/${councilId}`);
	await page.getByRole('link', { name: '进入会议室' }).first().click();
	await page.waitForURL(/\/meetings\//);
	await expect(page.getByText('实时连接')).toBeVisible();

	const field = page.getByLabel('签到码（8位数字）');
	await field.fill('0000 0000');
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByText('没有找到这个签到码。')).toBeVisible();

	await field.fill(`${code.slice(0, 4)} ${code.slice(4)}`);
	await page.getByRole('button', { name: '签到', exact: true }).click();
	await expect(page.getByText(`${member.name}已签到。`)).toBeVisible();
	const row = page.locator('.people li', { hasText: member.name });
	await expect(row.getByText('现场', { exact: true })).toBeVisible();
});

test('[attendance:code] a member sees only their own check-in card', async ({ page, signInAs, e2e }) => {
	const { councilId } = await signInAs(page, 'member');
	await page.goto(`/councils/${councilId}/card`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(e2e.people.member.name);
	const other = await page.goto(`/councils/${councilId}/card?member=${e2e.people.secondMember.memberId}`);
	expect(other?.status()).toBe(403);
});
