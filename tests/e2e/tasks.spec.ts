import { expect, expectNoSeriousA11yViolations, signedInPage, test } from './fixtures';

/** What the task screens say, in each language (src/lib/i18n/messages). */
const WORDS = {
	zh: {
		locale: 'zh-CN',
		open: '开会',
		panel: '跟进事项',
		arising: '上次会议事项跟进',
		title: '待办事项',
		member: '一位成员',
		due: '到期日',
		add: '添加待办',
		fromMeeting: '本次会议的待办',
		myTasks: '我的待办',
		status: '状态',
		inProgress: '进行中',
		note: '进展说明',
		save: '保存进展',
		saved: '进展已保存。',
		newTask: '新建待办',
		created: '已添加待办。',
		record: '记录',
		done: '已完成',
		overdue: '已逾期',
		task: '与物业协商集装箱卡车停放',
		earlier: '在小区门口设置限高提示牌'
	},
	en: {
		locale: 'en-GB',
		open: 'Open the meeting',
		panel: 'Follow-up tasks',
		arising: 'Matters arising',
		title: 'What is to be done',
		member: 'A member',
		due: 'Due date',
		add: 'Add task',
		fromMeeting: 'Tasks from this meeting',
		myTasks: 'My tasks',
		status: 'Status',
		inProgress: 'In progress',
		note: 'Progress note',
		save: 'Save progress',
		saved: 'Progress saved.',
		newTask: 'New task',
		created: 'Task added.',
		record: 'Record',
		done: 'Done',
		overdue: 'Overdue',
		task: 'Negotiate container truck parking with the property manager',
		earlier: 'Put a height-limit sign at the compound gate'
	}
} as const;

for (const lang of ['zh', 'en'] as const) {
	const w = WORDS[lang];
	test.describe(`follow-up tasks (${lang})`, () => {
		test.use({ locale: w.locale });

		test(`[follow-up:e2e] a task from between meetings comes back as a matter arising and is closed there; a task created in the meeting reaches its owner's My tasks (${lang})`, async ({
			page,
			browser,
			e2e,
			signInAs,
			freshMeeting
		}) => {
			const stamp = Date.now();
			const title = `${w.task} ${stamp}`;
			const earlier = `${w.earlier} ${stamp}`;
			const owner = e2e.people.jinghuRemote.name;
			const councilId = e2e.councils['jinghu-elders']!.id;
			await signInAs(page, 'jinghuModerator');

			// Between meetings, on the council's task page.
			await page.goto(`/councils/${councilId}/tasks`);
			const form = page.getByRole('region', { name: w.newTask, exact: true });
			await form.getByLabel(w.title, { exact: true }).fill(earlier);
			await form.getByLabel(w.member, { exact: true }).selectOption({ label: owner });
			await expect(form.getByLabel(w.due, { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
			await form.getByRole('button', { name: w.add, exact: true }).click();
			await expect(page.getByRole('status').getByText(w.created)).toBeVisible();
			await expect(page.getByRole('article', { name: earlier })).toBeVisible();
			await expectNoSeriousA11yViolations(page);

			await page.goto(`/councils/${councilId}/meetings/${freshMeeting('jinghu')}`);
			// Fresh meetings are weeks away, so opening one now is confirmed.
			page.once('dialog', (dialog) => void dialog.accept());
			await page.getByRole('button', { name: w.open, exact: true }).click();

			// It comes back under matters arising, where the moderator records it done.
			const arising = page.getByRole('region', { name: w.arising, exact: true });
			const matter = arising.getByRole('article', { name: earlier });
			await expect(matter).toBeVisible();
			await matter.getByLabel(w.status, { exact: true }).selectOption({ label: w.done });
			await matter.getByLabel(w.note, { exact: true }).fill('已设置 / in place');
			await matter.getByRole('button', { name: w.record, exact: true }).click();
			await expect(matter.locator('.badge').getByText(w.done, { exact: true })).toBeVisible();
			await expect(matter.getByText('已设置 / in place')).toBeVisible();

			// A new task on the item under way.
			const panel = page.getByRole('region', { name: w.panel, exact: true });
			await panel.getByLabel(w.title, { exact: true }).fill(title);
			await panel.getByLabel(w.member, { exact: true }).selectOption({ label: owner });
			await expect(panel.getByLabel(w.due, { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
			// Due long ago, so that My tasks marks it overdue.
			await panel.getByLabel(w.due, { exact: true }).fill('2020-01-14');
			await panel.getByRole('button', { name: w.add, exact: true }).press('Enter');
			await expect(panel.getByRole('heading', { name: w.fromMeeting })).toBeVisible();
			await expect(panel.getByText(title)).toBeVisible();
			await expectNoSeriousA11yViolations(page);

			const ownerPage = await signedInPage(browser, e2e, signInAs, 'jinghuRemote', w.locale);
			await ownerPage.getByRole('link', { name: w.myTasks, exact: true }).click();
			await expect(ownerPage.getByRole('heading', { level: 1, name: w.myTasks })).toBeVisible();
			await expect(
				ownerPage.getByRole('article', { name: earlier }).locator('.badge').getByText(w.done, { exact: true })
			).toBeVisible();
			const card = ownerPage.getByRole('article', { name: title });
			await expect(card.getByText(w.overdue)).toBeVisible();
			await card.getByLabel(w.status, { exact: true }).selectOption({ label: w.inProgress });
			await card
				.getByLabel(w.note, { exact: true })
				.fill('已约物业经理下周面谈 / meeting the manager next week');
			await card.getByRole('button', { name: w.save, exact: true }).click();
			await expect(ownerPage.getByRole('status').getByText(w.saved)).toBeVisible();
			const updated = ownerPage.getByRole('article', { name: title });
			await expect(updated.locator('.badge').getByText(w.inProgress, { exact: true })).toBeVisible();
			await expect(updated.getByText('已约物业经理下周面谈 / meeting the manager next week')).toBeVisible();
			await expectNoSeriousA11yViolations(ownerPage);
			await ownerPage.context().close();
		});
	});
}
