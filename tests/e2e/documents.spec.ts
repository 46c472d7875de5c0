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
		await clerk.getByLabel('版本名称').fill('初稿');
		await clerk.getByRole('button', { name: '冻结版本' }).click();
		await expect(clerk.getByRole('status').filter({ hasText: '初稿' })).toBeVisible();
		await member.reload();
		await member.getByText('提出修正案').first().click();
		await member.getByLabel('要修改的文字（与版本中完全一致）').fill('每年轮换');
		await member.getByLabel('改为').fill('每两年轮换');
		await member.getByLabel('理由（可不填）').fill('一年太短');
		await member.getByRole('button', { name: '提出修正案' }).click();
		await expect(member.getByRole('status').filter({ hasText: '修正案已提出' })).toBeVisible();
		await expect(member.locator('.amendment ins')).toContainText('两');
		await expectNoSeriousA11yViolations(member);

		await clerk.reload();
		await clerk.getByRole('button', { name: '采纳并写入文稿' }).click();
		await expect(clerk.locator('.amendment .badge')).toContainText('已采纳');
		await expect(editorOf(member)).toContainText('每户认领一块菜地，每两年轮换。');
		await expectNoSeriousA11yViolations(clerk);

		await clerkContext.close();
		await memberContext.close();
	});
});
