import { E2E_PEOPLE, expect, test } from './fixtures';
import { INVITES_PER_PERSON } from './state';

test('the built app answers on its root page', async ({ request }) => {
	const response = await request.get('/');
	expect(response.status()).toBeLessThan(500);
});

test('global setup left fresh invites for every e2e person', async ({ e2e }) => {
	expect(Object.keys(e2e.people).sort()).toEqual(Object.keys(E2E_PEOPLE).sort());
	for (const person of Object.values(e2e.people)) {
		expect(person.invites).toHaveLength(INVITES_PER_PERSON);
		for (const url of person.invites) expect(url.startsWith(`${e2e.baseURL}/invite/`)).toBe(true);
	}
	expect(e2e.people.moderator.role).toBe('moderator');
	expect(e2e.people.moderator.councilId).toBe(e2e.councils['pepsi-council']?.id);
});

test('[app:phone-header] on a phone the header leaves the screen to the page: name and language on one line, links and account on the next', async ({
	page,
	signInAs
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signInAs(page, 'member');
	const header = page.locator('header.site-header');
	const languages = header.getByRole('form', { name: /切换语言|Switch language/ });
	await expect(languages).toBeVisible();
	await expect(header.getByRole('button', { name: /退出登录|Sign out/ })).toBeVisible();
	const brand = (await header
		.getByRole('link', { name: /议事|Yishi/ })
		.first()
		.boundingBox())!;
	const switcher = (await languages.boundingBox())!;
	// Side by side, not stacked.
	expect(switcher.y).toBeLessThan(brand.y + brand.height);
	expect((await header.boundingBox())!.height).toBeLessThan(200);
});
