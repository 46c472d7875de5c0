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
		const moderatorContext = await browser.newContext({ locale: 'zh-CN' });
		const memberContext = await browser.newContext({ locale: 'zh-CN' });
		const moderator = await moderatorContext.newPage();
		const member = await memberContext.newPage();
		const { councilId } = await signInAs(moderator, 'moderator');
		await signInAs(member, 'member');
		const moderatorName = e2e.people.moderator.name;
		const memberName = e2e.people.member.name;

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
		await expect(moderator.getByText(`${memberName} 正在输入…`)).toBeVisible();
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
});
