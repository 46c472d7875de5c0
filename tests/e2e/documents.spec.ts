import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

test.use({ locale: 'zh-CN' });

const editorOf = (page: Page) => page.getByRole('textbox', { name: /文件正文|Document text/ });
/** The name label on another person's caret inside the editor. */
const caretOf = (page: Page, name: string) => page.locator('.collaboration-carets__label', { hasText: name });

test.describe('proposal documents', () => {
	test('[document:e2e] two people draft together, the moderator freezes versions, the diff shows the change', async ({
		browser,
		signInAs,
		e2e
	}) => {
		// Two browsers editing one document on a two-core machine: more than the default 30 s.
		test.setTimeout(90_000);
		const moderatorContext = await browser.newContext({ locale: 'zh-CN' });
		const memberContext = await browser.newContext({ locale: 'zh-CN' });
		const moderator = await moderatorContext.newPage();
		const member = await memberContext.newPage();
		// The clerk (who may freeze, like the moderator) and a member; invites are scarce per person.
		const { councilId } = await signInAs(moderator, 'clerk');
		await signInAs(member, 'secondMember');
		const moderatorName = e2e.people.clerk.name;
		const memberName = e2e.people.secondMember.name;

		// The moderator creates a document from the council page.
		await moderator.getByRole('link', { name: '提案文件' }).click();
		await expect(moderator.getByRole('heading', { level: 1, name: '提案文件' })).toBeVisible();
		const title = `停车收费方案 ${Date.now()}`;
		await moderator.getByLabel('新文件标题').fill(title);
		await moderator.getByRole('button', { name: '新建文件' }).click();
		await expect(moderator.getByRole('heading', { level: 1, name: title })).toBeVisible();
		const documentUrl = moderator.url();
		expect(documentUrl).toContain(`/councils/${councilId}/documents/`);

		await member.goto(documentUrl);
		await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();

		// Both type; each sees the other's text and caret with their name.
		await expect(editorOf(moderator)).toHaveAttribute('contenteditable', 'true');
		await editorOf(moderator).click();
		await moderator.keyboard.type('地面车位每月100元');
		await expect(editorOf(member)).toContainText('地面车位每月100元');
		await expect(editorOf(member)).toHaveAttribute('contenteditable', 'true');
		await editorOf(member).click();
		await member.keyboard.press('End');
		await member.keyboard.type('，访客免费');
		await expect(moderator.getByText(`${memberName}正在输入…`)).toBeVisible();
		await expect(editorOf(moderator)).toContainText('地面车位每月100元，访客免费');
		await expect(caretOf(moderator, memberName)).toBeVisible();
		await expect(caretOf(member, moderatorName)).toBeVisible();
		await expect(member.getByRole('list', { name: '正在查看本文件' })).toContainText(moderatorName);

		// The moderator freezes the first version: its hash is shown.
		await moderator.getByLabel('版本名称').fill('第一稿');
		await moderator.getByRole('button', { name: '冻结版本' }).click();
		await expect(moderator.getByRole('status').filter({ hasText: '第一稿' })).toContainText(/[0-9a-f]{64}/);

		// The member changes the text; the moderator freezes again.
		await editorOf(member).click();
		await member.keyboard.press('End');
		await member.keyboard.type('两小时');
		await expect(editorOf(moderator)).toContainText('访客免费两小时');
		await moderator.getByLabel('版本名称').fill('第二稿');
		await moderator.getByRole('button', { name: '冻结版本' }).click();
		await expect(moderator.getByRole('status').filter({ hasText: '第二稿' })).toBeVisible();

		// The diff between the two shows the words added.
		await moderator.getByRole('button', { name: '比较' }).click();
		await expect(moderator.getByRole('heading', { level: 1, name: '版本之间的修改' })).toBeVisible();
		await expect(moderator.locator('ins')).toContainText(['两小时']);
		await expectNoSeriousA11yViolations(moderator);

		// A frozen version shows its text and hash, in English too.
		await moderator.goBack();
		await moderator.getByRole('link', { name: '第一稿' }).click();
		await expect(moderator.getByRole('article')).toContainText('地面车位每月100元，访客免费');
		await expect(moderator.getByRole('article')).not.toContainText('两小时');
		await expectNoSeriousA11yViolations(moderator);
		await moderator.getByRole('button', { name: 'English' }).click();
		await expect(moderator.getByText('SHA-256 of this text:')).toBeVisible();

		// The document page itself passes axe with the editor, carets and forms on it.
		await expectNoSeriousA11yViolations(member);
		await member.getByRole('button', { name: 'English' }).click();
		await expect(member.getByRole('heading', { name: 'Living text' })).toBeVisible();
		await expect(member.getByRole('heading', { name: 'Versions' })).toBeVisible();

		await moderatorContext.close();
		await memberContext.close();
	});

	test('[document:e2e] a lock turns open editors read-only at once; an accepted amendment reaches the text', async ({
		browser,
		signInAs
	}) => {
		test.setTimeout(90_000);
		const clerkContext = await browser.newContext({ locale: 'zh-CN' });
		const memberContext = await browser.newContext({ locale: 'zh-CN' });
		const clerk = await clerkContext.newPage();
		const member = await memberContext.newPage();
		const { councilId } = await signInAs(clerk, 'clerk');
		await signInAs(member, 'secondMember');

		await clerk.goto(`/councils/${councilId}/documents`);
		const title = `共享花园方案 ${Date.now()}`;
		await clerk.getByLabel('新文件标题').fill(title);
		await clerk.getByRole('button', { name: '新建文件' }).click();
		await expect(clerk.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await member.goto(clerk.url());

		await expect(editorOf(member)).toHaveAttribute('contenteditable', 'true');
		await editorOf(member).click();
		await member.keyboard.type('每户认领一块菜地，每年轮换。');
		await expect(editorOf(clerk)).toContainText('每户认领一块菜地，每年轮换。');

		// Locking takes effect in the member's open editor without a reload.
		await clerk.getByRole('button', { name: '锁定文件' }).click();
		await expect(clerk.getByRole('button', { name: '解除锁定' })).toBeVisible();
		await expect(editorOf(member)).toHaveAttribute('contenteditable', 'false');
		await expect(member.getByRole('status').filter({ hasText: '已锁定' })).toBeVisible();
		await clerk.getByRole('button', { name: '解除锁定' }).click();
		await expect(editorOf(member)).toHaveAttribute('contenteditable', 'true');

		// A frozen version, an amendment against it, accepted by the clerk.
		await expect(member.getByText('还没有冻结的版本。')).toBeVisible();
		await clerk.getByLabel('版本名称').fill('初稿');
		await clerk.getByRole('button', { name: '冻结版本' }).click();
		await expect(clerk.getByRole('status').filter({ hasText: '初稿' })).toBeVisible();
		// The member's open page lists the new version and offers amendments without a reload.
		await expect(member.getByRole('link', { name: '初稿' })).toBeVisible();
		await expect(member.getByText('还没有冻结的版本。')).toBeHidden();
		await member.getByText('提出修正案').first().click();
		await member.getByLabel('要修改的文字（与版本中完全一致）').fill('每年轮换');
		await member.getByLabel('改为').fill('每两年轮换');
		await member.getByLabel('理由（可不填）').fill('一年太短');
		await member.getByRole('button', { name: '提出修正案' }).click();
		await expect(member.getByRole('status').filter({ hasText: '修正案已提出' })).toBeVisible();
		await expect(member.locator('.amendment ins')).toContainText('两');
		await expectNoSeriousA11yViolations(member);

		// The clerk's open page lists the amendment without a reload, and the member's its decision.
		await clerk.getByRole('button', { name: '采纳并写入文稿' }).click();
		await expect(clerk.locator('.amendment .badge')).toContainText('已采纳');
		await expect(editorOf(member)).toContainText('每户认领一块菜地，每两年轮换。');
		await expect(member.locator('.amendment .badge')).toContainText('已采纳');
		await expectNoSeriousA11yViolations(clerk);

		await clerkContext.close();
		await memberContext.close();
	});
	test('[document:toolbar] Heading, Bold and a list clicked with the mouse or tapped apply at once, and typing goes on in the editor', async ({
		browser,
		signInAs
	}) => {
		test.setTimeout(90_000);
		const clerkContext = await browser.newContext({ locale: 'zh-CN' });
		// A phone: the toolbar is tapped, not clicked.
		const phoneContext = await browser.newContext({
			locale: 'zh-CN',
			hasTouch: true,
			isMobile: true,
			viewport: { width: 390, height: 844 }
		});
		const clerk = await clerkContext.newPage();
		const phone = await phoneContext.newPage();
		const { councilId } = await signInAs(clerk, 'clerk');
		await signInAs(phone, 'secondMember');

		await clerk.goto(`/councils/${councilId}/documents`);
		const title = `物业费调整方案 ${Date.now()}`;
		await clerk.getByLabel('新文件标题').fill(title);
		await clerk.getByRole('button', { name: '新建文件' }).click();
		await expect(clerk.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await phone.goto(clerk.url());

		const editor = editorOf(clerk);
		const tool = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
		// Counts the times the editor loses the focus (on a phone, each closes the keyboard).
		const countBlurs = (page: Page) =>
			editorOf(page).evaluate((el) => {
				el.dataset.blurs = '0';
				el.addEventListener('blur', () => (el.dataset.blurs = String(Number(el.dataset.blurs) + 1)));
			});
		await expect(editor).toHaveAttribute('contenteditable', 'true');
		await editor.click();
		await countBlurs(clerk);
		await tool(clerk, '标题').click();
		await expect(editor).toBeFocused();
		await clerk.keyboard.type('收费标准');
		await expect(editor.locator('h2')).toHaveText('收费标准');
		await expect(tool(clerk, '标题')).toHaveAttribute('aria-pressed', 'true');

		await clerk.keyboard.press('Enter');
		await expect(tool(clerk, '标题')).toHaveAttribute('aria-pressed', 'false');
		await clerk.keyboard.type('每月');
		await tool(clerk, '加粗').click();
		await expect(editor).toBeFocused();
		await expect(tool(clerk, '加粗')).toHaveAttribute('aria-pressed', 'true');
		await clerk.keyboard.type('两元');
		await expect(editor.locator('strong')).toHaveText('两元');
		await expect(editor.locator('p', { hasText: '每月' })).toHaveText('每月两元');

		await clerk.keyboard.press('Enter');
		await tool(clerk, '加粗').click();
		await tool(clerk, '项目符号列表').click();
		await expect(editor).toBeFocused();
		await clerk.keyboard.type('地面车位');
		await expect(editor.locator('ul li')).toHaveText('地面车位');
		await expect(tool(clerk, '项目符号列表')).toHaveAttribute('aria-pressed', 'true');
		await expect(editor).toHaveAttribute('data-blurs', '0');

		// On the phone, while the clerk's caret moves about: tap into the list item's end, tap Bold.
		const phoneEditor = editorOf(phone);
		// (The list item also holds the clerk's caret label.)
		await expect(phoneEditor.locator('ul li')).toContainText('地面车位');
		await expect(phoneEditor).toHaveAttribute('contenteditable', 'true');
		await phoneEditor.locator('ul li').tap();
		await phone.keyboard.press('End');
		await countBlurs(phone);
		await tool(phone, '加粗').tap();
		await expect(phoneEditor).toBeFocused();
		await phone.keyboard.type('免费');
		await expect(phoneEditor.locator('ul li strong')).toContainText('免费');
		await expect(phoneEditor.locator('ul li strong')).not.toContainText('地面');
		await expect(phoneEditor).toHaveAttribute('data-blurs', '0');
		await expect(editor.locator('ul li')).toContainText('地面车位免费');

		await clerkContext.close();
		await phoneContext.close();
	});

	test('[document:presence] opening a document shows nobody typing, typing does; one’s own name says (you) once', async ({
		browser,
		signInAs,
		e2e
	}) => {
		test.setTimeout(90_000);
		const memberContext = await browser.newContext({ locale: 'zh-CN' });
		const moderatorContext = await browser.newContext({ locale: 'zh-CN' });
		const member = await memberContext.newPage();
		const moderator = await moderatorContext.newPage();
		const { councilId } = await signInAs(member, 'member');
		await signInAs(moderator, 'moderator');
		const memberName = e2e.people.member.name;
		const moderatorName = e2e.people.moderator.name;

		await member.goto(`/councils/${councilId}/documents`);
		const title = `电梯维修方案 ${Date.now()}`;
		await member.getByLabel('新文件标题').fill(title);
		await member.getByRole('button', { name: '新建文件' }).click();
		await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
		const present = member.getByRole('list', { name: '正在查看本文件' });

		// The moderator merely opens the document: the member sees them arrive, not typing.
		await moderator.goto(member.url());
		await expect(editorOf(moderator)).toHaveAttribute('contenteditable', 'true');
		await expect(present).toContainText(moderatorName);
		const typing = member.getByText(`${moderatorName}正在输入…`);
		for (let i = 0; i < 6; i++) {
			await expect(typing).toBeHidden({ timeout: 100 });
			await member.waitForTimeout(500);
		}

		// One's own entry carries "(you)" once, in the language's own brackets.
		const mine = (list: typeof present) => list.getByRole('listitem').filter({ hasText: memberName });
		await expect(mine(present)).toHaveText(new RegExp(`${memberName}\\s*（您）$`));

		await editorOf(moderator).click();
		await moderator.keyboard.type('每季度检查一次');
		await expect(typing).toBeVisible();
		await expect(editorOf(member)).toContainText('每季度检查一次');
		// It goes once they stop.
		await expect(typing).toBeHidden({ timeout: 6_000 });

		await member.getByRole('button', { name: 'English' }).click();
		await expect(mine(member.getByRole('list', { name: 'In this document' }))).toHaveText(
			new RegExp(`${memberName}\\s*\\(you\\)$`)
		);

		await memberContext.close();
		await moderatorContext.close();
	});
});
