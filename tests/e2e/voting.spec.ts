import type { Browser, Page } from '@playwright/test';
import {
	expect,
	expectNoSeriousA11yViolations,
	region,
	signedInPage,
	test,
	watchErrors,
	type E2EPerson
} from './fixtures';
import type { E2EState } from './state';

test.use({ locale: 'zh-CN' });

/** The parking-fee plan a 三无小区 puts to its residents when it brings in third-party management. */
const PARKING_FEE =
	'停车收费方案：引入第三方物业后，小区内地面停车位每月收费100元，收入用于道闸维护和保洁，每季度公示账目。';

/**
 * 陈静 chairs the Pepsi residents' council in the room with 李明 and 王磊, who have no phones at
 * hand; 刘建国 and 张秀英 follow from home; the clerk 周婷 puts the projector view on the wall.
 */
async function meetingWithQuorum(
	page: Page,
	browser: Browser,
	e2e: E2EState,
	signInAs: (page: Page, person: E2EPerson) => Promise<unknown>,
	meetingId: string
) {
	const room = `/councils/${e2e.councils['pepsi-council']!.id}/meetings/${meetingId}`;
	const [, liu, zhang, projector] = await Promise.all([
		signInAs(page, 'moderator'),
		signedInPage(browser, e2e, signInAs, 'member'),
		signedInPage(browser, e2e, signInAs, 'secondMember'),
		signedInPage(browser, e2e, signInAs, 'clerk')
	]);
	await Promise.all([page.goto(room), liu.goto(room), zhang.goto(room), projector.goto(`${room}/projector`)]);
	for (const p of [page, liu, zhang, projector])
		await expect(p.getByRole('status').getByText('实时连接', { exact: true })).toBeVisible();

	// Fresh meetings are weeks away, so opening one now is confirmed.
	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByRole('button', { name: '开会', exact: true }).click();
	for (const name of ['陈静', '李明', '王磊'])
		await page.getByRole('button', { name: `现场签到${name}`, exact: true }).click();
	for (const p of [liu, zhang]) await p.getByRole('button', { name: '我在线上参会', exact: true }).click();
	for (const p of [page, liu, zhang, projector])
		await expect(region(p, '法定人数')).toContainText('已达到法定人数');
	await page.getByRole('button', { name: '下一项', exact: true }).click();
	await expect(region(liu, '动议与表决')).toContainText('当前议题：开会，确认到会人数');
	return { liu, zhang, projector };
}

/** The moderator enters 刘建国's motion, made in the room, and 张秀英 seconds it from home. */
async function parkingFeeMotion(page: Page, zhang: Page) {
	const motions = region(page, '动议与表决');
	await motions.getByRole('button', { name: '提出动议' }).click();
	await motions.getByLabel('动议内容').fill(PARKING_FEE);
	await motions.getByLabel('动议人').selectOption({ label: '刘建国' });
	await motions.getByRole('button', { name: '提交动议' }).click();
	await expect(motions).toContainText('动议人：刘建国');
	await expect(region(zhang, '动议与表决')).toContainText(PARKING_FEE);
	await region(zhang, '动议与表决').getByRole('button', { name: '我附议' }).click();
	await expect(motions).toContainText('附议人：张秀英');
	await expect(motions.getByText('已附议', { exact: true })).toBeVisible();
}

/** A fresh meeting with quorum and the seconded parking-fee motion on four screens, page errors collected. */
async function parkingFeeVote(f: {
	page: Page;
	browser: Browser;
	e2e: E2EState;
	signInAs: (page: Page, person: E2EPerson) => Promise<unknown>;
	freshMeeting: (meeting: 'pepsi') => string;
}) {
	const errors: string[] = [];
	const { page } = f;
	const screens = await meetingWithQuorum(page, f.browser, f.e2e, f.signInAs, f.freshMeeting('pepsi'));
	for (const p of [page, screens.liu, screens.zhang, screens.projector]) watchErrors(p, errors);
	await parkingFeeMotion(page, screens.zhang);
	return { ...screens, errors };
}

/** Tests that start from the parking-fee motion; the residents' and projector's browsers close after. */
const voteTest = test.extend<{ parkingFee: Awaited<ReturnType<typeof parkingFeeVote>> }>({
	parkingFee: async ({ page, browser, e2e, signInAs, freshMeeting }, use) => {
		const vote = await parkingFeeVote({ page, browser, e2e, signInAs, freshMeeting });
		await use(vote);
		await Promise.all([vote.liu, vote.zhang, vote.projector].map((p) => p.context().close()));
	}
});

test.describe('voting', () => {
	// Three browsers besides the moderator's, signed in and checked in before the vote starts.
	test.describe.configure({ timeout: 120_000 });
	voteTest(
		'[vote:open-ballot] the parking-fee vote: two residents vote from home, two in the room by roll call, carried on every screen',
		async ({ page, parkingFee }) => {
			const { liu, zhang, projector, errors } = parkingFee;

			// The residents' council decides by a majority of those present, in an open (named) vote.
			const motions = region(page, '动议与表决');
			await motions.getByLabel('表决规则').selectOption({ label: '居民议事会：到会成员过半数同意' });
			await motions.getByRole('button', { name: '开始表决', exact: true }).click();
			for (const p of [page, liu, zhang]) await expect(region(p, '动议与表决')).toContainText('正在表决');
			await expect(region(projector, '表决事项')).toContainText(PARKING_FEE);
			await expect(region(projector, '表决事项')).toContainText('已投票 0 人，共 5 人可投票');

			// From home: 刘建国 for, 张秀英 against.
			await region(liu, '我的选票').getByRole('button', { name: '赞成', exact: true }).click();
			await expect(region(liu, '我的选票')).toContainText('您已投票：赞成。');
			await region(zhang, '我的选票').getByRole('button', { name: '反对', exact: true }).click();
			await expect(region(zhang, '我的选票')).toContainText('您已投票：反对。');
			for (const p of [page, liu, zhang, projector])
				await expect(p.getByText('已投票 2 人，共 5 人可投票')).toBeVisible();
			// An open vote shows its running tally.
			await expect(region(liu, '动议与表决')).toContainText('目前票数：赞成 1 · 反对 1 · 弃权 0');
			await expectNoSeriousA11yViolations(liu);

			// The chair votes on her own device and calls the roll for the two in the room.
			await region(page, '我的选票').getByRole('button', { name: '赞成', exact: true }).click();
			const rollCall = region(page, '现场唱名记票');
			await rollCall.getByRole('button', { name: '李明：赞成', exact: true }).click();
			await rollCall.getByRole('button', { name: '王磊：弃权', exact: true }).click();
			for (const p of [page, liu, zhang, projector])
				await expect(p.getByText('已投票 5 人，共 5 人可投票')).toBeVisible();
			await expect(page.getByText('线上 3 · 现场唱名 2 · 代理 0 · 举手计数 0')).toBeVisible();
			await expectNoSeriousA11yViolations(page);

			await motions.getByRole('button', { name: '结束表决', exact: true }).click();
			const explanation = '通过：赞成 3 人，到会 5 人（需 ≥ 3）';
			for (const p of [page, liu, zhang, projector]) {
				await expect(region(p, '表决结果：通过')).toBeVisible();
				await expect(region(p, '表决结果：通过')).toContainText(explanation);
				await expect(region(p, '表决结果：通过')).toContainText('赞成 3 · 反对 1 · 弃权 1');
			}
			// The projector's chart carries its numbers as text.
			const chart = region(projector, '表决结果：通过').getByRole('figure');
			await expect(chart.getByRole('listitem')).toHaveText([/赞成\s*3/, /反对\s*1/, /弃权\s*1/]);
			await expectNoSeriousA11yViolations(projector);

			// An open vote publishes names with choices.
			await region(zhang, '动议与表决').locator('summary', { hasText: '公开的选票清单' }).click();
			const published = region(zhang, '动议与表决').getByRole('table');
			await expect(published.getByRole('row', { name: /刘建国 赞成 本人设备/ })).toBeVisible();
			await expect(published.getByRole('row', { name: /王磊 弃权 现场唱名/ })).toBeVisible();
			await expectNoSeriousA11yViolations(zhang);

			// Once the vote closes the ballot card is gone.
			await expect(region(liu, '我的选票')).toHaveCount(0);

			// The same result, explained in English for a reader who switches language.
			await liu.getByRole('button', { name: 'English' }).click();
			await expect(region(liu, 'Result: Carried')).toContainText(
				'Carried: 3 of 5 members present in favour (needs ≥ 3)'
			);
			await expect(region(liu, 'Result: Carried')).toContainText('Yes 3 · No 1 · Abstain 1');
			await expectNoSeriousA11yViolations(liu);
			expect(errors).toEqual([]);
		}
	);

	voteTest(
		'[vote:phone] a member on a phone is led to the ballot from the top of the room; the projector fits its screen; decisions stay in the room after adjourning',
		async ({ page, parkingFee }) => {
			const { liu, zhang, projector, errors } = parkingFee;
			const shots = process.env.VOTING_SHOTS;
			await liu.setViewportSize({ width: 390, height: 844 });
			await projector.setViewportSize({ width: 1280, height: 720 });
			const call = liu.getByRole('link', { name: '表决进行中：请投票' });
			await expect(call).toHaveCount(0);
			// The mover and the seconder, apart.
			await expect(region(liu, '动议与表决')).toContainText('动议人：刘建国 · 附议人：张秀英');

			const motions = region(page, '动议与表决');
			await motions.getByLabel('表决规则').selectOption({ label: '居民议事会：到会成员过半数同意' });
			await motions.getByRole('button', { name: '开始表决', exact: true }).click();
			// At the top of the phone's screen, wherever the page is; it brings the ballot into view and focus.
			await expect(call).toBeInViewport();
			const ballot = region(liu, '我的选票');
			if (shots) await liu.screenshot({ path: `${shots}/phone-vote-open.png` });
			await call.click();
			await expect(ballot).toBeFocused();
			if (shots) await liu.screenshot({ path: `${shots}/phone-ballot.png` });
			await expect(ballot.getByRole('button', { name: '赞成', exact: true })).toBeInViewport();
			// The moderator cannot vote from the room's top line either until she has.
			await expect(page.getByRole('link', { name: '表决进行中：请投票' })).toBeVisible();

			await ballot.getByRole('button', { name: '赞成', exact: true }).click();
			await expect(ballot).toContainText('您已投票：赞成。');
			await expect(call).toHaveCount(0);
			await expect(liu.getByText('您已投票。', { exact: true })).toBeVisible();
			// An open vote publishes names, not receipts: no receipt code is promised.
			await expect(ballot.locator('.code')).toHaveCount(0);
			await expect(ballot).not.toContainText('回执码');

			await region(zhang, '我的选票').getByRole('button', { name: '反对', exact: true }).click();
			await region(page, '我的选票').getByRole('button', { name: '赞成', exact: true }).click();
			await region(page, '现场唱名记票').getByRole('button', { name: '李明：赞成', exact: true }).click();
			await motions.getByRole('button', { name: '结束表决', exact: true }).click();
			await expect(liu.getByText('您已投票。', { exact: true })).toHaveCount(0);

			// The explanation once: a single test of the rule is not listed again under the headline.
			const explanation = '赞成 3 人，到会 5 人（需 ≥ 3）';
			for (const p of [liu, projector]) {
				const result = region(p, '表决结果：通过');
				await expect(result).toContainText(`通过：${explanation}`);
				expect((await result.innerText()).split(explanation)).toHaveLength(2);
			}

			// The projector shows the item's place, and the whole result, chart and all, without scrolling.
			const now = region(projector, '当前议题');
			await expect(now.getByText('第 1 项，共 5 项', { exact: true })).toBeVisible();
			for (const size of [
				{ width: 1280, height: 720 },
				{ width: 1920, height: 1080 }
			]) {
				await projector.setViewportSize(size);
				const fits = await projector.evaluate(() => {
					const screen = document.querySelector('.projector')!;
					return {
						page: document.scrollingElement!.scrollHeight <= innerHeight,
						screen: screen.scrollHeight <= screen.clientHeight
					};
				});
				expect(fits, `${size.width}×${size.height}`).toEqual({ page: true, screen: true });
				if (shots) await projector.screenshot({ path: `${shots}/projector-${size.width}.png` });
				const chart = region(projector, '表决结果：通过').getByRole('figure');
				await expect(chart.getByRole('listitem').last()).toBeInViewport({ ratio: 1 });
				await expect(now).toBeInViewport({ ratio: 1 });
				await expect(region(projector, '法定人数')).toBeInViewport({ ratio: 1 });
				await expect(region(projector, '发言')).toBeInViewport({ ratio: 1 });
			}
			await expectNoSeriousA11yViolations(projector);

			// On to the next item, then the close: the decision stays in the room.
			await page.getByRole('button', { name: '下一项', exact: true }).click();
			await expect(now.getByText('第 2 项，共 5 项', { exact: true })).toBeVisible();
			const decisions = region(liu, '已作出的决定');
			await expect(decisions).toContainText('议题：开会，确认到会人数');
			await expect(decisions).toContainText(PARKING_FEE);
			await expect(decisions).toContainText(`通过：${explanation}`);
			page.once('dialog', (dialog) => void dialog.accept());
			await page.getByRole('button', { name: '散会', exact: true }).click();
			for (const p of [page, liu]) {
				await expect(p.getByRole('status').getByText('已散会', { exact: true })).toBeVisible();
				await expect(region(p, '已作出的决定')).toContainText(PARKING_FEE);
				await expect(region(p, '动议与表决')).not.toContainText('开始一项议题后才能提出动议。');
				// Quorum no longer decides anything, and the moderator has nothing left to press.
				await expect(region(p, '法定人数')).toHaveCount(0);
			}
			await expect(region(page, '主持人操作')).toHaveCount(0);
			if (shots) await liu.screenshot({ path: `${shots}/phone-adjourned.png`, fullPage: true });
			await expectNoSeriousA11yViolations(liu);
			expect(errors).toEqual([]);
		}
	);

	voteTest(
		'[vote:hidden-tally] an open vote with its tally hidden: nobody sees the count until the close, then the named list',
		async ({ page, parkingFee }) => {
			const { liu, zhang, projector, errors } = parkingFee;
			const motions = region(page, '动议与表决');
			await motions.getByLabel('结束前不显示票数').check();
			await motions.getByRole('button', { name: '开始表决', exact: true }).click();
			await region(liu, '我的选票').getByRole('button', { name: '赞成', exact: true }).click();
			await region(zhang, '我的选票').getByRole('button', { name: '反对', exact: true }).click();
			// Each voter's own screen still says how they voted; nobody's shows a count.
			await expect(region(liu, '我的选票')).toContainText('您已投票：赞成。');
			for (const p of [page, liu, zhang, projector]) {
				await expect(p.getByText('已投票 2 人，共 5 人可投票')).toBeVisible();
				await expect(p.getByText(/目前票数/)).toHaveCount(0);
			}
			await motions.getByRole('button', { name: '结束表决', exact: true }).click();
			for (const p of [page, liu, zhang, projector])
				await expect(region(p, '表决结果：未通过')).toContainText('赞成 1 · 反对 1 · 弃权 0');
			// The named list, which the live facts did not carry, arrives when opened.
			await region(zhang, '动议与表决').locator('summary', { hasText: '公开的选票清单' }).click();
			const published = region(zhang, '动议与表决').getByRole('table');
			await expect(published.getByRole('row', { name: /刘建国 赞成 本人设备/ })).toBeVisible();
			await expect(published.getByRole('row', { name: /张秀英 反对 本人设备/ })).toBeVisible();
			await expectNoSeriousA11yViolations(zhang);
			expect(errors).toEqual([]);
		}
	);

	voteTest(
		'[vote:secret-ballot] the same vote by secret ballot with hands counted in the room; a voter checks their receipt',
		async ({ page, parkingFee }) => {
			const { liu, zhang, projector, errors } = parkingFee;

			const motions = region(page, '动议与表决');
			await motions.getByLabel('表决规则').selectOption({ label: '居民议事会：到会成员过半数同意' });
			await motions.getByLabel('无记名投票（不公开谁投了什么）').check();
			await motions.getByRole('button', { name: '开始表决', exact: true }).click();
			await expect(region(liu, '动议与表决')).toContainText('无记名');

			await region(liu, '我的选票').getByRole('button', { name: '赞成', exact: true }).click();
			await expect(region(liu, '我的选票')).toContainText('您已投票：赞成。');
			// Each device keeps a receipt of its own making, to check the ballot after the close.
			const receipt = region(liu, '我的选票').locator('.code');
			await expect(receipt).toHaveText(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
			await expect(region(liu, '我的选票')).toContainText(
				'请保存这个回执码，表决结束后可以用它核对您的选票。'
			);
			const code = (await receipt.textContent())!.trim();
			await region(zhang, '我的选票').getByRole('button', { name: '反对', exact: true }).click();
			await region(page, '我的选票').getByRole('button', { name: '赞成', exact: true }).click();
			// 刘建国 changes his mind: the same device resends the same receipt with the new choice.
			await region(liu, '我的选票').getByRole('button', { name: '弃权', exact: true }).click();
			await expect(region(liu, '我的选票')).toContainText('您已投票：弃权。');
			await expect(region(liu, '我的选票').locator('.code')).toHaveText(code);
			// A secret vote shows who has voted, never how: no running tally, no roll call.
			for (const p of [page, liu, zhang, projector])
				await expect(p.getByText('已投票 3 人，共 5 人可投票')).toBeVisible();
			await expect(region(zhang, '动议与表决')).toContainText('表决结束后公布票数。');
			await expect(region(zhang, '动议与表决')).not.toContainText('目前票数');
			await expect(region(page, '现场唱名记票')).toHaveCount(0);

			// 李明 and 王磊 raise their hands for the plan; the chair enters the totals.
			const hands = region(page, '举手计数（合计）');
			await expect(hands).toContainText('现场有 2 位可投票成员尚未以其他方式投票。');
			await hands.getByLabel('赞成（举手人数）').fill('2');
			await hands.getByRole('button', { name: '记录举手结果' }).click();
			await expect(page.getByText('已投票 5 人，共 5 人可投票')).toBeVisible();
			await expectNoSeriousA11yViolations(page);

			await motions.getByRole('button', { name: '结束表决', exact: true }).click();
			for (const p of [page, liu, zhang, projector])
				await expect(region(p, '表决结果：通过')).toContainText('通过：赞成 3 人，到会 5 人（需 ≥ 3）');

			// The published list has receipt tags, not names; 刘建国 finds his own ballot by his code.
			const list = region(liu, '动议与表决');
			await list.locator('summary', { hasText: '公开的选票清单' }).click();
			await expect(list.getByRole('table')).not.toContainText('刘建国');
			await expect(list.getByRole('table').getByRole('row')).toHaveCount(4);
			// The device offers the receipt it kept; a code copied by hand in any case and spacing works too.
			await expect(list.getByLabel('输入您的回执码，核对您的选票')).toHaveValue(code);
			await expect(list).toContainText(`本设备保存的回执码：${code}`);
			await list.getByLabel('输入您的回执码，核对您的选票').fill(code.toLowerCase().replace(/-/g, ' '));
			await list.getByRole('button', { name: '核对', exact: true }).click();
			await expect(list.getByText(/^已计入：弃权/)).toBeVisible();
			await list.getByLabel('输入您的回执码，核对您的选票').fill('00000-00000-00000-00000');
			await list.getByRole('button', { name: '核对', exact: true }).click();
			await expect(list).toContainText('清单里没有这个回执码。');
			await expectNoSeriousA11yViolations(liu);

			expect(errors).toEqual([]);
		}
	);
	test('[vote:procedure] seconds required, an amendment voted first, a proxy ballot, a recusal, quorum lost and regained mid-vote, and an election with a tie', async ({
		page,
		browser,
		e2e,
		signInAs,
		freshMeeting
	}) => {
		test.setTimeout(180_000);
		const errors: string[] = [];
		const councilId = e2e.councils['pepsi-council']!.id;
		const shots = process.env.VOTING_SHOTS;

		// The chair sets the council's voting rules; a meeting opened afterwards keeps them.
		await signInAs(page, 'moderator');
		await page.goto(`/councils/${councilId}/edit`);
		await page.getByLabel('允许委托代理（缺席成员委托他人）').check();
		await page.getByLabel('动议须有人附议才能表决').check();
		await expect(page.getByLabel('默认表决规则')).toHaveValue('robert-majority');
		await expect(page.getByLabel('表决结束前允许改票')).toBeChecked();
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('button', { name: '保存会议规则' }).click();
		await expect(page.getByText('会议规则已保存。')).toBeVisible();
		await page.reload();
		await expect(page.getByLabel('动议须有人附议才能表决')).toBeChecked();
		await expect(page.getByLabel('默认无记名投票')).not.toBeChecked();

		const room = `/councils/${councilId}/meetings/${freshMeeting('pepsi')}`;
		const [liu, projector] = await Promise.all([
			signedInPage(browser, e2e, signInAs, 'member'),
			signedInPage(browser, e2e, signInAs, 'clerk')
		]);
		for (const p of [page, liu, projector]) watchErrors(p, errors);
		await Promise.all([page.goto(room), liu.goto(room), projector.goto(`${room}/projector`)]);
		await expect(liu.getByRole('status').getByText('实时连接', { exact: true })).toBeVisible();
		// Fresh meetings are weeks away, so opening one now is confirmed.
		page.once('dialog', (dialog) => void dialog.accept());
		await page.getByRole('button', { name: '开会', exact: true }).click();
		for (const name of ['陈静', '李明'])
			await page.getByRole('button', { name: `现场签到${name}`, exact: true }).click();
		await liu.getByRole('button', { name: '我在线上参会', exact: true }).click();
		// 张秀英 is away and gives her proxy to 刘建国.
		await page.getByLabel('委托人（缺席）').selectOption({ label: '张秀英' });
		await page.getByLabel('代理人').selectOption({ label: '刘建国' });
		await page.getByRole('button', { name: '登记委托' }).click();
		await expect(region(page, '法定人数')).toContainText('已达到法定人数');
		await page.getByRole('button', { name: '下一项', exact: true }).click();

		// 刘建国 moves the plan from home; without a second the vote cannot open.
		const liuMotions = region(liu, '动议与表决');
		await liuMotions.getByRole('button', { name: '提出动议' }).click();
		await liuMotions.getByLabel('动议内容').fill(PARKING_FEE);
		await liuMotions.getByRole('button', { name: '提交动议' }).click();
		const motions = region(page, '动议与表决');
		await expect(motions).toContainText('待附议');
		await expect(motions.getByRole('list', { name: '现在还不能开始表决' })).toContainText(
			'本议事会要求动议先有人附议才能表决。'
		);
		await motions.getByRole('button', { name: '开始表决', exact: true }).click();
		await expect(motions.getByRole('alert')).toContainText('本议事会要求动议先有人附议才能表决。');
		await motions.getByLabel('会场附议人').selectOption({ label: '李明' });
		await motions.getByRole('button', { name: '记录附议' }).click();
		await expect(motions).toContainText('附议人：李明');

		// An amendment is voted before the motion it changes.
		await liuMotions.getByRole('button', { name: '提出修正案' }).click();
		await liuMotions
			.getByLabel('修正案内容（修改什么、怎么改）')
			.fill('把“每月收费100元”改为“每月收费80元”。');
		await liuMotions.getByRole('button', { name: '提交修正案' }).click();
		const amendment = motions.getByRole('article', { name: /修正案/ });
		await expect(amendment).toContainText('每月收费80元');
		await motions.getByRole('button', { name: '开始表决', exact: true }).first().click();
		await expect(motions.getByRole('alert').first()).toContainText('请先表决这项动议的修正案。');
		await amendment.getByLabel('会场附议人').selectOption({ label: '李明' });
		await amendment.getByRole('button', { name: '记录附议' }).click();
		await amendment.getByRole('button', { name: '开始表决', exact: true }).click();

		// 刘建国 has two ballots: his own and 张秀英's by proxy.
		const liuAmendment = liuMotions.getByRole('article', { name: /修正案/ });
		await liuAmendment
			.getByRole('region', { name: '我的选票' })
			.getByRole('button', { name: '反对', exact: true })
			.click();
		const proxyBallot = liuAmendment.getByRole('region', { name: '代张秀英投票（代理）' });
		await proxyBallot.getByRole('button', { name: '张秀英：反对', exact: true }).click();
		await expect(proxyBallot).toContainText('您已投票：反对。');
		await amendment
			.getByRole('region', { name: '我的选票' })
			.getByRole('button', { name: '赞成', exact: true })
			.click();
		await amendment.getByRole('button', { name: '李明：反对', exact: true }).click();
		await expect(amendment).toContainText('已投票 4 人，共 4 人可投票');
		await expect(amendment).toContainText('线上 2 · 现场唱名 1 · 代理 1 · 举手计数 0');
		if (shots) await page.screenshot({ path: `${shots}/moderator-amendment.png`, fullPage: true });
		if (shots) await liu.screenshot({ path: `${shots}/member-amendment.png`, fullPage: true });
		await amendment.getByRole('button', { name: '结束表决', exact: true }).click();
		await expect(liuAmendment).toContainText('未通过：赞成 1 票，有效票 4 票（需 ≥ 3）');

		// 李明 owns a parking space and recuses himself from the main motion.
		const main = motions.getByRole('article', { name: /^动议/ }).first();
		await main.getByRole('button', { name: '回避', exact: true }).click();
		await main.getByLabel('谁回避').selectOption({ label: '李明' });
		await main.getByLabel('回避理由（例如：本人是利害关系人）').fill('本人在小区有固定车位');
		await main.getByRole('button', { name: '记录回避' }).click();
		await expect(liuMotions).toContainText('李明回避：本人在小区有固定车位');
		await main.getByRole('button', { name: '开始表决', exact: true }).click();
		await expect(main).toContainText('已投票 0 人，共 3 人可投票');
		await liuMotions
			.getByRole('region', { name: '我的选票' })
			.last()
			.getByRole('button', { name: '赞成', exact: true })
			.click();

		// Quorum is lost while the vote is open: the chair is warned, waits, and closes once it is back.
		await page.getByRole('button', { name: '李明离场', exact: true }).click();
		await page.getByRole('button', { name: '刘建国离场', exact: true }).click();
		await expect(region(page, '法定人数')).toContainText('未达到法定人数');
		await expect(main.getByRole('alert')).toContainText('此时结束表决，结果将记为“法定人数不足”');
		await expect(main.getByRole('button', { name: '仍然结束（记为法定人数不足）' })).toBeVisible();
		await liu.getByRole('button', { name: '我在线上参会', exact: true }).click();
		await expect(region(page, '法定人数')).toContainText('已达到法定人数');
		await expect(main.getByRole('alert')).toHaveCount(0);
		await main
			.getByRole('region', { name: '我的选票' })
			.getByRole('button', { name: '赞成', exact: true })
			.click();
		await main.getByRole('button', { name: '结束表决', exact: true }).click();
		await expect(region(projector, '表决结果：通过')).toContainText('通过：赞成 2 票，有效票 2 票（需 ≥ 2）');
		await expect(region(projector, '表决结果：通过')).toContainText('开始表决时：已达到法定人数');

		// Electing two building representatives out of three: a tie across the second seat.
		await motions.getByRole('button', { name: '提出动议' }).click();
		await motions.getByLabel('动议内容').fill('选举两名楼栋停车管理代表');
		await motions.getByRole('radio', { name: '选举：从候选人中选出若干人' }).check();
		await motions.getByLabel('候选人（每行一位）').fill('王师傅\n赵阿姨\n孙大哥');
		await motions.getByLabel('应选人数').fill('2');
		await motions.getByRole('button', { name: '提交动议' }).click();
		const election = motions.getByRole('article', { name: /^动议/ }).last();
		await expect(election).toContainText('选出 2 人，候选人：王师傅、赵阿姨、孙大哥');
		await election.getByLabel('会场附议人').selectOption({ label: '刘建国' });
		await election.getByRole('button', { name: '记录附议' }).click();
		await election.getByRole('button', { name: '开始表决', exact: true }).click();
		const liuElection = liuMotions.getByRole('article', { name: /^动议/ }).last();
		const own = liuElection.getByRole('region', { name: '我的选票' });
		await own.getByLabel('王师傅').check();
		await own.getByLabel('赵阿姨').check();
		await expect(own.getByLabel('孙大哥')).toBeDisabled();
		await own.getByRole('button', { name: '投票' }).click();
		await expect(own).toContainText('您已投票：王师傅、赵阿姨。');
		const chair = election.getByRole('region', { name: '我的选票' });
		await chair.getByLabel('王师傅').check();
		await chair.getByLabel('孙大哥').check();
		await chair.getByRole('button', { name: '投票' }).click();
		await election.getByRole('button', { name: '结束表决', exact: true }).click();
		for (const p of [liu, projector]) {
			const result = region(p, '表决结果：选举结果');
			await expect(result).toContainText('当选：王师傅');
			await expect(result).toContainText('末位同票：赵阿姨、孙大哥，由会议决定（再次投票或抽签）');
		}
		if (shots) await projector.screenshot({ path: `${shots}/projector-election.png`, fullPage: true });
		await expectNoSeriousA11yViolations(page);
		await expectNoSeriousA11yViolations(projector);

		expect(errors).toEqual([]);
		await Promise.all([liu, projector].map((p) => p.context().close()));
	});
});
