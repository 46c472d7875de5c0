import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

test.use({ locale: 'zh-CN' });

test.describe('signing in and the council page', () => {
	test('[auth:invite] a member signs in with an invite link and sees their council', async ({
		page,
		signInAs
	}) => {
		await signInAs(page, 'member');
		await expect(page.getByRole('heading', { level: 1, name: '百事可乐议事会' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '即将召开和进行中的会议' })).toBeVisible();
		// The seeded meeting comes first; tests also schedule later ones like it (tests/e2e/state.ts).
		await expect(page.getByText('共享花园方案议事会').first()).toBeVisible();
		await expect(page.getByRole('link', { name: '管理成员与邀请' })).toHaveCount(0);
		await expectNoSeriousA11yViolations(page);
	});

	test('[i18n:switch] the language switch turns every screen to English and back', async ({
		page,
		signInAs
	}) => {
		await signInAs(page, 'member');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Pepsi Council' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Upcoming and ongoing meetings' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('link', { name: 'My councils' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'My councils' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('button', { name: '简体中文' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '我的议事会' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	});

	test('[council:past-meetings] a member finds the 2019 meetings, newest first, and opens their approved minutes', async ({
		page,
		signInAs
	}) => {
		await signInAs(page, 'jinghuRemote');
		const past = page.getByRole('region', { name: '往次会议' });
		await expect(past.getByRole('heading', { name: '老年协会月度例会（2019年5月）' })).toBeVisible();
		// Other tests adjourn meetings of this council, which then come first: only the order counts.
		const titles = await past.getByRole('heading', { level: 3 }).allTextContents();
		expect(titles.filter((title) => title.includes('2019'))).toEqual([
			'老年协会月度例会（2019年7月）',
			'老年协会月度例会（2019年6月）',
			'老年协会月度例会（2019年5月）'
		]);
		await expect(
			past.getByRole('link', { name: '会议纪要（草稿） 老年协会月度例会（2019年7月）' })
		).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		await past.getByRole('link', { name: '会议纪要（已通过） 老年协会月度例会（2019年5月）' }).click();
		await expect(page).toHaveURL(/\/minutes$/);
		await expect(page.getByText('集装箱').first()).toBeVisible();
	});

	test('[auth:invite] a used, forged or malformed invite gets a clear page; its own member, signed in, is taken to the council', async ({
		page,
		inviteFor
	}) => {
		const invite = inviteFor('secondMember');
		await page.goto(invite);
		await page.getByRole('button', { name: /登录/ }).click();
		await page.waitForURL(/\/councils\//);
		const council = page.url();
		// The same person tapping their printed QR code again is simply taken to their council.
		await page.goto(invite);
		await expect(page).toHaveURL(council);
		await expect(page.getByRole('heading', { level: 1, name: '百事可乐议事会' })).toBeVisible();
		await page.context().clearCookies();

		const used = await page.goto(invite);
		expect(used?.status()).toBe(410);
		await expect(page.getByRole('alert')).toContainText('已经使用过');

		const forged = await page.goto(invite.replace(/.{6}$/, 'AAAAAA'));
		expect(forged?.status()).toBe(404);
		await expect(page.getByRole('alert')).toContainText('无效');
		await page.goto('/invite/not-a-token');
		await expect(page.getByRole('alert')).toContainText('无效');
		await expectNoSeriousA11yViolations(page);
	});

	test('[auth:signin] the sign-in page offers email and explains where the link goes', async ({
		page,
		e2e
	}) => {
		await page.goto('/signin');
		await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
		await expect(page.getByLabel('邮箱地址')).toBeVisible();
		await expect(page.getByText('登录链接会打印在服务器日志中')).toBeVisible();
		// Demo sign-in exists only on the embedded database.
		const demo = page.getByRole('heading', { name: '以演示成员身份登录' });
		await expect(demo).toHaveCount(e2e.databaseKind === 'pglite' ? 1 : 0);
		await page.getByLabel('邮箱地址').fill('not an email');
		await page.getByRole('button', { name: '发送登录链接' }).click();
		await expect(page.getByText('请输入有效的邮箱地址。')).toBeVisible();
		await expectNoSeriousA11yViolations(page);
	});
});

test.describe('managing members', () => {
	test('[members:manage] a moderator adds a member and prints an invitation with a QR code', async ({
		page,
		signInAs
	}) => {
		await signInAs(page, 'moderator');
		await page.getByRole('link', { name: '管理成员与邀请' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('成员与邀请');
		await expectNoSeriousA11yViolations(page);

		const name = `吴桂兰${Date.now() % 10_000}`;
		const form = page.locator('form[action="?/add"]');
		await form.getByLabel('姓名').fill(name);
		await form.getByLabel('角色').selectOption('member');
		await form.getByLabel('表决权重').fill('88.5');
		await form.getByLabel('所属群体').fill('宜盛花园 Yisheng Garden');
		await form.getByRole('button', { name: '添加' }).click();
		await expect(page.getByText(`已添加${name}。`)).toBeVisible();

		const row = page.locator('li.card', { hasText: name });
		await expect(row).toContainText('88.5');
		// Each member's buttons say whose they are, so a screen reader's list of controls tells them apart.
		for (const [role, label] of [
			['button', '生成邀请：刘建国'],
			['link', '签到卡：刘建国'],
			['button', '收回权限：刘建国']
		] as const)
			await expect(page.getByRole(role, { name: label, exact: true })).toHaveCount(1);
		await page.getByRole('button', { name: `生成邀请：${name}`, exact: true }).click();
		await expect(page.getByRole('heading', { name: `${name}的邀请` })).toBeVisible();
		await expect(page.getByRole('img', { name: `${name}的登录二维码` })).toBeVisible();
		const link = await page.locator('.invite-card .url a').getAttribute('href');
		expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
		await expectNoSeriousA11yViolations(page);

		// The new member can use it at once, in another browser.
		const other = await page.context().browser()!.newContext({ locale: 'zh-CN' });
		const theirPage = await other.newPage();
		await theirPage.goto(link!);
		await expect(theirPage.getByRole('heading', { level: 1 })).toContainText(name);
		await theirPage.getByRole('button', { name: '登录议事' }).click();
		await expect(theirPage.getByRole('heading', { level: 1, name: '百事可乐议事会' })).toBeVisible();
		await other.close();

		// Withdraw the newcomer again: later tests count the council's voting members for quorum.
		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: `收回权限：${name}`, exact: true }).click();
		await expect(page.getByText(`已收回${name}的权限。`)).toBeVisible();
	});

	test('[members:forbidden] a member who is not a moderator is refused member management', async ({
		page,
		signInAs
	}) => {
		const { councilId } = await signInAs(page, 'member');
		const response = await page.goto(`/councils/${councilId}/members`);
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('alert')).toContainText('您在这个议事会的角色不能进行此操作');
		const edit = await page.goto(`/councils/${councilId}/edit`);
		expect(edit?.status()).toBe(403);
	});

	test('[members:forbidden] someone from another council sees no trace of it', async ({
		page,
		signInAs,
		e2e
	}) => {
		await signInAs(page, 'outsider');
		const response = await page.goto(`/councils/${e2e.people.member.councilId}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('alert')).toContainText('您不是这个议事会的成员');
	});

	test('[members:revoke] withdrawing access takes effect on the member’s very next request', async ({
		page,
		browser,
		signInAs
	}) => {
		const observerContext = await browser.newContext({ locale: 'zh-CN' });
		const observer = await observerContext.newPage();
		const { councilId } = await signInAs(observer, 'observer');
		await expect(observer.getByRole('heading', { level: 1, name: '百事可乐议事会' })).toBeVisible();

		await signInAs(page, 'moderator');
		await page.goto(`/councils/${councilId}/members`);
		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: '收回权限：赵小雨', exact: true }).click();
		await expect(page.getByText('已收回赵小雨的权限。')).toBeVisible();

		const after = await observer.reload();
		expect(after?.status()).toBe(404);

		// Restore so that other tests find the council as seeded.
		await page.getByRole('button', { name: '恢复权限：赵小雨', exact: true }).click();
		await expect(page.getByText('已恢复赵小雨的权限。')).toBeVisible();
		expect((await observer.reload())?.status()).toBe(200);
		await observerContext.close();
	});
});

test.describe('robustness and reading comfort', () => {
	test('[input:malformed] a malformed form post is refused with a clear answer and changes nothing', async ({
		page,
		signInAs,
		baseURL
	}) => {
		const { councilId } = await signInAs(page, 'moderator');
		await page.goto(`/councils/${councilId}/members`);
		const before = await page.locator('li.card').count();
		const post = (action: string, form: Record<string, string>) =>
			page.request.post(`/councils/${councilId}/members?/${action}`, {
				form,
				headers: { origin: baseURL!, accept: 'application/json' }
			});
		for (const response of [
			await post('add', { name: '', role: 'emperor', voteWeight: '-3' }),
			await post('update', { memberId: 'not-a-uuid', role: 'member' }),
			await post('revoke', { memberId: '00000000-0000-0000-0000-000000000000' })
		]) {
			expect(response.status()).toBeLessThan(500);
			const body = (await response.json()) as { type: string; status: number };
			expect(body.type).toBe('failure');
			expect([400, 404]).toContain(body.status);
		}
		await page.reload();
		await expect(page.locator('li.card')).toHaveCount(before);
	});

	test('[a11y:zoom] at 200% zoom (half the width) pages need no sideways scrolling', async ({
		page,
		signInAs
	}) => {
		await page.setViewportSize({ width: 640, height: 900 });
		const { councilId } = await signInAs(page, 'moderator');
		for (const path of [`/councils/${councilId}`, `/councils/${councilId}/members`, '/councils']) {
			await page.goto(path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, path).toBeLessThanOrEqual(0);
		}
	});
});
