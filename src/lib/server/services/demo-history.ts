import { randomUUID } from 'node:crypto';
import type { Pool } from '../db/database';
import type { MeetingCommand } from '../../domain/meeting/meeting-command';
import type { AgendaItemKind } from '../../domain/meeting/meeting-events';
import { meetingRepository } from '../repositories/meeting.repository';
import { createDomainEvents } from './domain-events';
import { createServices, type Services } from './index';

/**
 * The Jinghu elder association's May and June 2019 meetings, from the worked example: in May a
 * complaint about container trucks parking beside residents' cars becomes a task for the
 * vice-chair; in June it comes back as a matter arising and is reported resolved. A short July
 * meeting approves June's minutes. Everything goes through the real services on a clock set to
 * those days, so the records are exactly what the app would have written then.
 */
export async function seedDemoHistory(sql: Pool, origin: string): Promise<boolean> {
	const people = await sql<{ key: string; userId: string; memberId: string; councilId: string }[]>`
		select split_part(u.email, '@', 1) as key, u.id as user_id, m.id as member_id, c.id as council_id
		from council c join council_member m on m.council_id = c.id join users u on u.id = m.user_id
		where c.slug = 'jinghu-elders'`;
	const who = (key: string) => {
		const p = people.find((x) => x.key === key);
		if (!p) throw new Error(`demo history: nobody called ${key}`);
		return p;
	};
	if (people.length === 0) return false;
	const councilId = people[0]!.councilId;
	const chair = who('wang.defu');
	const vice = who('chen.agen');
	const clerk = who('fang.xiaomin');
	const voters = ['wang.defu', 'sun.weidong', 'chen.agen', 'lin.haisheng', 'zheng.guifang', 'hu.baokang'].map(
		who
	);

	let clock = new Date('2019-05-15T01:30:00Z');
	const services = createServices({ sql, now: () => clock, origin, events: createDomainEvents() });
	const at = (iso: string) => (clock = new Date(iso));

	async function meeting(titleZh: string, titleEn: string, startsAt: string) {
		const row = await meetingRepository(sql).insert({
			councilId,
			titleZh,
			titleEn,
			startsAt: new Date(startsAt),
			plannedMinutes: 120,
			location: '景湖社区老年活动室 · Jinghu elders’ activity room',
			onlineUrl: null,
			createdBy: chair.userId
		});
		return new Room(services, row.id);
	}

	// 15 May 2019: the complaint, the decision to negotiate, the task.
	const may = await meeting(
		'老年协会月度例会（2019年5月）',
		'Monthly meeting, May 2019',
		'2019-05-15T01:30:00Z'
	);
	at('2019-05-14T08:00:00Z');
	const mayItems = await may.agenda(chair.userId, [
		['开会', 5, 'information', '王德福'],
		['居民反映：集装箱卡车进入小区，停在居民车辆旁', 40, 'discussion', '陈阿根'],
		['其他事项', 15, 'discussion', null]
	]);
	at('2019-05-15T01:30:00Z');
	await may.run(chair.userId, { type: 'meeting:open' });
	for (const v of [...voters, clerk]) {
		await may.run(clerk.userId, { type: 'attendance:check-in', memberId: v.memberId, mode: 'in-person' });
	}
	await may.run(chair.userId, { type: 'agenda:next' });
	at('2019-05-15T01:40:00Z');
	await may.run(chair.userId, { type: 'agenda:next' });
	const motionId = randomUUID();
	at('2019-05-15T02:05:00Z');
	await may.run(clerk.userId, {
		type: 'motion:propose',
		motionId,
		itemId: mayItems[1]!,
		moverId: vice.memberId,
		text: '由老年协会出面与小区物业协商：集装箱卡车仅限本小区有车位的住户驾驶员驶入停放，进出禁止鸣笛。'
	});
	await may.run(clerk.userId, { type: 'motion:second', motionId, seconderId: who('lin.haisheng').memberId });
	at('2019-05-15T02:10:00Z');
	await may.run(chair.userId, { type: 'vote:open', motionId });
	for (const v of voters) {
		const choice = v.key === 'sun.weidong' ? 'abstain' : 'yes';
		await may.run(chair.userId, { type: 'ballot:cast', motionId, voterId: v.memberId, choice });
	}
	at('2019-05-15T02:15:00Z');
	await may.run(chair.userId, { type: 'vote:close', motionId });
	const taskId = randomUUID();
	await may.run(clerk.userId, {
		type: 'task:create',
		taskId,
		title: '与物业协商集装箱卡车进出规定（仅限本小区有车位的住户，禁止鸣笛）',
		ownerMemberId: vice.memberId,
		ownerOrganisation: null,
		dueOn: '2019-06-14',
		itemId: mayItems[1]!,
		motionId
	});
	at('2019-05-15T02:30:00Z');
	await may.run(chair.userId, { type: 'agenda:next' });
	at('2019-05-15T03:00:00Z');
	await may.run(chair.userId, { type: 'meeting:adjourn' });
	at('2019-05-16T02:00:00Z');
	await must(
		services.minutes.saveNotes({
			userId: clerk.userId,
			meetingId: may.id,
			notes: {
				[mayItems[1]!]:
					'多位居民反映：集装箱卡车夜间驶入小区，停在居民车辆旁，进出鸣笛扰民。协会决定出面与物业协商，由陈阿根副会长负责，下次例会汇报。'
			}
		})
	);

	// 15 June 2019: May's minutes approved; the task comes back and is closed.
	const june = await meeting(
		'老年协会月度例会（2019年6月）',
		'Monthly meeting, June 2019',
		'2019-06-15T01:30:00Z'
	);
	at('2019-06-14T08:00:00Z');
	await june.agenda(chair.userId, [
		['开会', 5, 'information', '王德福'],
		['通过上月会议纪要', 10, 'decision', '方小敏'],
		['跟进事项：集装箱卡车在小区内停放', 20, 'discussion', '陈阿根'],
		['其他事项', 15, 'discussion', null]
	]);
	at('2019-06-15T01:30:00Z');
	await june.run(chair.userId, { type: 'meeting:open' });
	for (const v of [...voters.filter((v) => v.key !== 'hu.baokang'), clerk]) {
		await june.run(clerk.userId, { type: 'attendance:check-in', memberId: v.memberId, mode: 'in-person' });
	}
	await june.run(chair.userId, { type: 'agenda:next' });
	at('2019-06-15T01:35:00Z');
	await june.run(chair.userId, { type: 'agenda:next' });
	await must(
		services.minutes.approve({ userId: clerk.userId, meetingId: may.id, approvingMeetingId: june.id })
	);
	at('2019-06-15T01:45:00Z');
	await june.run(chair.userId, { type: 'agenda:next' });
	await june.run(clerk.userId, {
		type: 'task:update',
		taskId,
		status: 'done',
		note: '物业已同意：仅本小区有车位的住户驾驶员可驶入，进出禁止鸣笛，5月底起执行；居民反映问题已解决。'
	});
	at('2019-06-15T02:05:00Z');
	await june.run(chair.userId, { type: 'agenda:next' });
	at('2019-06-15T02:30:00Z');
	await june.run(chair.userId, { type: 'meeting:adjourn' });

	// 15 July 2019: June's minutes approved.
	const july = await meeting(
		'老年协会月度例会（2019年7月）',
		'Monthly meeting, July 2019',
		'2019-07-15T01:30:00Z'
	);
	at('2019-07-14T08:00:00Z');
	await july.agenda(chair.userId, [['通过上月会议纪要', 10, 'decision', '方小敏']]);
	at('2019-07-15T01:30:00Z');
	await july.run(chair.userId, { type: 'meeting:open' });
	for (const v of [...voters, clerk]) {
		await july.run(clerk.userId, { type: 'attendance:check-in', memberId: v.memberId, mode: 'in-person' });
	}
	await july.run(chair.userId, { type: 'agenda:next' });
	await must(
		services.minutes.approve({ userId: clerk.userId, meetingId: june.id, approvingMeetingId: july.id })
	);
	at('2019-07-15T01:45:00Z');
	await july.run(chair.userId, { type: 'meeting:adjourn' });
	return true;
}

class Room {
	constructor(
		private readonly services: Services,
		readonly id: string
	) {}

	async run(userId: string, command: MeetingCommand) {
		await must(this.services.meetingRooms.command(userId, this.id, randomUUID(), command));
	}

	/** Adds the items in order; returns their ids. */
	async agenda(
		userId: string,
		items: [title: string, minutes: number, kind: AgendaItemKind, presenter: string | null][]
	): Promise<string[]> {
		const ids: string[] = [];
		for (const [title, plannedMinutes, kind, presenter] of items) {
			const itemId = randomUUID();
			await this.run(userId, {
				type: 'agenda:item-add',
				itemId,
				fields: { title, plannedMinutes, kind, presenter, description: '', documentId: null }
			});
			ids.push(itemId);
		}
		return ids;
	}
}

async function must<T>(
	result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>
) {
	const r = await result;
	if (!r.ok) throw new Error(`demo history: ${r.error.code} ${r.error.message}`);
	return r.value;
}
