import { CHINA_STANDARD_TIME, nextMonthlyOn } from '../../domain/calendar/wall-clock';
import { CouncilKind } from '../../domain/council/council-kind';
import type { Role } from '../../domain/council/role';
import type { AgendaItemKind } from '../../domain/meeting/meeting-events';
import { randomUUID } from 'node:crypto';
import { eventLogRepository } from '../repositories/event-log.repository';
import type { Pool } from '../db/database';
import { councilRepository, type CouncilFields } from '../repositories/council.repository';
import { meetingRepository } from '../repositories/meeting.repository';
import { memberRepository } from '../repositories/member.repository';
import { userRepository } from '../repositories/user.repository';
import { transaction } from '../db/transaction';

interface DemoPerson {
	key: string;
	name: string;
	email: string;
}

interface DemoMembership {
	person: string;
	role: Role;
	weight?: number;
	constituency?: string;
	organisation?: string;
}

interface DemoCouncil extends CouncilFields {
	slug: string;
	agenda: [title: string, minutes: number, kind: AgendaItemKind, presenter?: string][];
	members: DemoMembership[];
	meeting: (now: Date) => {
		titleZh: string;
		titleEn: string;
		startsAt: Date;
		plannedMinutes: number;
		location: string;
	};
}

/** The people of the three councils in the field studies (names are illustrative). */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
	{ key: 'chenjing', name: '陈静', email: 'chen.jing@h-community.example' },
	{ key: 'liujianguo', name: '刘建国', email: 'liu.jianguo@h-community.example' },
	{ key: 'zhangxiuying', name: '张秀英', email: 'zhang.xiuying@h-community.example' },
	{ key: 'liming', name: '李明', email: 'li.ming@h-community.example' },
	{ key: 'wanglei', name: '王磊', email: 'wang.lei@h-community.example' },
	{ key: 'zhouting', name: '周婷', email: 'zhou.ting@h-community.example' },
	{ key: 'zhaoxiaoyu', name: '赵小雨', email: 'zhao.xiaoyu@h-community.example' },
	{ key: 'wangdefu', name: '王德福', email: 'wang.defu@jinghu.example' },
	{ key: 'sunweidong', name: '孙卫东', email: 'sun.weidong@jinghu.example' },
	{ key: 'chenagen', name: '陈阿根', email: 'chen.agen@jinghu.example' },
	{ key: 'linhaisheng', name: '林海生', email: 'lin.haisheng@jinghu.example' },
	{ key: 'zhengguifang', name: '郑桂芳', email: 'zheng.guifang@jinghu.example' },
	{ key: 'hubaokang', name: '胡宝康', email: 'hu.baokang@jinghu.example' },
	{ key: 'fangxiaomin', name: '方小敏', email: 'fang.xiaomin@jinghu.example' },
	{ key: 'huangzhiqiang', name: '黄志强', email: 'huang.zhiqiang@d-community.example' },
	{ key: 'qinli', name: '覃丽', email: 'qin.li@d-community.example' },
	{ key: 'liangwei', name: '梁伟', email: 'liang.wei@d-community.example' },
	{ key: 'mohaiyan', name: '莫海燕', email: 'mo.haiyan@d-community.example' },
	{ key: 'weijianhua', name: '韦建华', email: 'wei.jianhua@d-community.example' },
	{ key: 'mengxiaolan', name: '蒙小兰', email: 'meng.xiaolan@d-community.example' },
	{ key: 'luozhenbang', name: '罗振邦', email: 'luo.zhenbang@d-community.example' }
];

const at = (now: Date, days: number, hour: number, minute: number) => {
	const local = new Date(now.getTime() + CHINA_STANDARD_TIME * 60_000 + days * 86_400_000);
	return new Date(
		Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour, minute) -
			CHINA_STANDARD_TIME * 60_000
	);
};

export const DEMO_COUNCILS: readonly DemoCouncil[] = [
	{
		slug: 'pepsi-council',
		nameZh: '百事可乐议事会',
		nameEn: 'Pepsi Council',
		descriptionZh:
			'H社区（武汉光谷）居民议事会，覆盖城市之光、宜盛花园、光谷未来城三个小区。百事可乐：百件事情，大家乐于商量。',
		descriptionEn:
			'Residents’ council of H community (Optics Valley, Wuhan) for the compounds City Light, Yisheng Garden and Optics Valley Future City. “A hundred matters, happily discussed.”',
		kind: CouncilKind.residentsCouncil,
		agenda: [
			['开会，确认到会人数', 5, 'information', '陈静'],
			['共享花园方案：现状与草案介绍', 15, 'information', '刘建国'],
			['居民讨论：绿地被占用与分区种植', 30, 'discussion'],
			['表决：共享花园方案', 15, 'decision'],
			['其他事项', 10, 'discussion']
		],
		members: [
			{ person: 'chenjing', role: 'moderator', constituency: '社区 Community' },
			{ person: 'liujianguo', role: 'member', weight: 89.5, constituency: '城市之光 City Light' },
			{ person: 'zhangxiuying', role: 'member', weight: 120.3, constituency: '宜盛花园 Yisheng Garden' },
			{ person: 'liming', role: 'member', weight: 96, constituency: '光谷未来城 Future City' },
			{ person: 'wanglei', role: 'member', weight: 76.8, constituency: '光谷未来城 Future City' },
			{ person: 'zhouting', role: 'clerk', constituency: '社区 Community' },
			{ person: 'zhaoxiaoyu', role: 'observer', constituency: '宜盛花园 Yisheng Garden' }
		],
		meeting: (now) => ({
			titleZh: '共享花园方案议事会',
			titleEn: 'Shared garden plan',
			startsAt: at(now, 5, 19, 30),
			plannedMinutes: 90,
			location: '城市之光小区党群服务站 · City Light service station'
		})
	},
	{
		slug: 'jinghu-elders',
		nameZh: '景湖社区老年协会',
		nameEn: 'Jinghu Elder Association',
		descriptionZh:
			'宁波鄞州景湖社区老年协会，由原各村退休干部组成，每月15日开会，收集居民意见、协商公共事务。',
		descriptionEn:
			'Elder association of Jinghu community (Yinzhou, Ningbo): retired cadres of the merged former villages. Meets on the 15th of every month to bring residents’ complaints and negotiate public affairs.',
		kind: CouncilKind.elderAssociation,
		agenda: [
			['开会', 5, 'information', '王德福'],
			['通过上月会议纪要', 10, 'decision', '方小敏'],
			['跟进事项：集装箱卡车在小区内停放', 20, 'discussion', '陈阿根'],
			['居民反映的新问题', 40, 'discussion'],
			['其他事项', 15, 'discussion']
		],
		members: [
			{ person: 'wangdefu', role: 'moderator', constituency: '原下应村 Former Xiaying village' },
			{ person: 'sunweidong', role: 'member', constituency: '社区居委会 Community committee' },
			{ person: 'chenagen', role: 'member', constituency: '原下应村 Former Xiaying village' },
			{ person: 'linhaisheng', role: 'member', constituency: '原湾底村 Former Wandi village' },
			{ person: 'zhengguifang', role: 'member', constituency: '原湾底村 Former Wandi village' },
			{ person: 'hubaokang', role: 'member', constituency: '原史家码村 Former Shijiama village' },
			{ person: 'fangxiaomin', role: 'clerk', constituency: '社工站 Social work station' }
		],
		meeting: (now) => ({
			titleZh: '老年协会月度例会',
			titleEn: 'Monthly meeting',
			startsAt: nextMonthlyOn(now, 15, { hour: 9, minute: 30 }, CHINA_STANDARD_TIME),
			plannedMinutes: 120,
			location: '景湖社区老年活动室 · Jinghu elders’ activity room'
		})
	},
	{
		slug: 'd-community-joint-council',
		nameZh: 'D社区家物会',
		nameEn: 'D Community Property–Merchant Joint Council',
		descriptionZh:
			'广西L市D社区家物（务）会：社区与17家物业公司、“一刻钟合伙人”商户每季度召开联席会议，通报政策、协商共同问题。',
		descriptionEn:
			'Quarterly joint meeting of D community (L city, Guangxi) with the managers of its 17 property companies and the “quarter-hour partner” merchants: policy briefings and shared problems.',
		kind: CouncilKind.jointCouncil,
		agenda: [
			['政策通报：物业服务与垃圾分类', 20, 'information', '黄志强'],
			['三无小区引入第三方物业与停车收费方案', 40, 'discussion', '罗振邦'],
			['一刻钟合伙人：本季度公益服务', 20, 'information', '韦建华'],
			['其他事项', 15, 'discussion']
		],
		members: [
			{ person: 'huangzhiqiang', role: 'moderator', constituency: '社区 Community' },
			{ person: 'qinli', role: 'clerk', constituency: '社区 Community' },
			{
				person: 'liangwei',
				role: 'representative',
				constituency: '物业 Property',
				organisation: '绿城物业 Greentown Property'
			},
			{
				person: 'mohaiyan',
				role: 'representative',
				constituency: '物业 Property',
				organisation: '碧桂园服务 Country Garden Services'
			},
			{
				person: 'weijianhua',
				role: 'representative',
				constituency: '商户 Merchants',
				organisation: '韦记眼镜店 Wei’s Opticians'
			},
			{
				person: 'mengxiaolan',
				role: 'representative',
				constituency: '商户 Merchants',
				organisation: '蒙姐米粉店 Sister Meng’s Rice Noodles'
			},
			{ person: 'luozhenbang', role: 'member', constituency: '居民 Residents' },
			{ person: 'chenjing', role: 'observer', constituency: '社区 Community' }
		],
		meeting: (now) => ({
			titleZh: '第四季度家物会',
			titleEn: 'Quarterly joint meeting',
			startsAt: at(now, 17, 14, 30),
			plannedMinutes: 120,
			location: 'D社区党群服务中心三楼会议室 · D community centre, room 301'
		})
	}
];

/** Seeds the demo councils into an empty database; returns false (and does nothing) otherwise. */
export async function seedDemo(sql: Pool, now: Date): Promise<boolean> {
	const meetings = await seedCouncils(sql, now);
	if (!meetings) return false;
	// Agendas are facts in each meeting's record, like every later change to them.
	for (const { meetingId, moderatorId, council } of meetings) {
		await eventLogRepository(sql).append({
			meetingId,
			expectedSeq: 0,
			occurredAt: now,
			events: council.agenda.map(([title, plannedMinutes, kind, presenter], index) => ({
				type: 'agenda:item-add',
				actorId: moderatorId,
				payload: {
					itemId: randomUUID(),
					index,
					fields: {
						title,
						plannedMinutes,
						kind,
						presenter: presenter ?? null,
						description: '',
						documentId: null
					}
				}
			}))
		});
	}
	return true;
}

async function seedCouncils(sql: Pool, now: Date) {
	return transaction(sql, async (tx) => {
		await tx`lock table council in exclusive mode`;
		if (!(await councilRepository(tx).isEmpty())) return null;
		const meetings: { meetingId: string; moderatorId: string; council: DemoCouncil }[] = [];
		const ids = new Map<string, string>();
		for (const p of DEMO_PEOPLE) {
			const user = await userRepository(tx).create({ name: p.name, email: p.email, isDemo: true });
			ids.set(p.key, user.id);
		}
		for (const c of DEMO_COUNCILS) {
			const { members, meeting, slug } = c;
			const fields: CouncilFields = {
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				descriptionZh: c.descriptionZh,
				descriptionEn: c.descriptionEn,
				kind: c.kind
			};
			const council = await councilRepository(tx).insert({
				...fields,
				slug,
				createdBy: ids.get(members[0]!.person)!
			});
			for (const m of members) {
				await memberRepository(tx).insert({
					councilId: council.id,
					userId: ids.get(m.person)!,
					role: m.role,
					voteWeight: m.weight ?? 1,
					constituency: m.constituency ?? null,
					organisation: m.organisation ?? null
				});
			}
			const created = await meetingRepository(tx).insert({
				...meeting(now),
				councilId: council.id,
				onlineUrl: null,
				createdBy: ids.get(members[0]!.person)!
			});
			meetings.push({ meetingId: created.id, moderatorId: ids.get(members[0]!.person)!, council: c });
		}
		return meetings;
	});
}
