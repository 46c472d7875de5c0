import { expect, region, test } from './fixtures';

test.use({ locale: 'zh-CN' });

test('[motion:pick-frozen] a version frozen during the meeting is picked by name; typing a reference by hand stays tucked away', async ({
	page,
	signInAs,
	freshMeeting
}) => {
	const { councilId } = await signInAs(page, 'moderator');
	const meetingId = freshMeeting('pepsi');
	const room = `/councils/${councilId}/meetings/${meetingId}`;
	await page.goto(room);
	await expect(page.getByRole('status').getByText('实时连接', { exact: true })).toBeVisible();
	// Fresh meetings are weeks away, so opening one now is confirmed.
	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByRole('button', { name: '开会', exact: true }).click();
	await page.getByRole('button', { name: '下一项', exact: true }).click();

	await page.goto(`/councils/${councilId}/documents`);
	const title = `停车收费方案 ${Date.now()}`;
	await page.getByLabel('新文件标题').fill(title);
	await page.getByRole('button', { name: '新建文件' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await page.getByLabel('版本名称').fill('第二稿');
	await page.getByLabel('冻结于会议').selectOption(meetingId);
	await page.getByRole('button', { name: '冻结版本' }).click();
	await expect(page.getByRole('status').filter({ hasText: '第二稿' })).toBeVisible();

	await page.goto(room);
	const motions = region(page, '动议与表决');
	await motions.getByRole('button', { name: '提出动议' }).click();
	await motions.getByText('绑定已定稿的文件版本（可不填）').click();
	const picker = motions.getByLabel('本次会议已定稿的版本');
	await expect(picker.getByRole('option', { name: /^第二稿 · [0-9a-f]{12}$/ })).toHaveCount(1);
	await expect(motions.getByLabel('文件编号')).toBeHidden();
	await motions.getByText('其他会议定稿的版本：手动填写版本信息').click();
	await expect(motions.getByLabel('文件编号')).toBeVisible();

	await picker.selectOption({
		label: (await picker.getByRole('option', { name: /^第二稿/ }).textContent())!
	});
	await expect(motions.getByLabel('文件编号')).toBeHidden();
	await motions.getByLabel('动议内容').fill('按第二稿实行停车收费。');
	await motions.getByRole('button', { name: '提交动议' }).click();
	await expect(motions).toContainText('第二稿');
});
