import type { FollowUpStatus } from '../meeting/follow-up';
import type { CastVia, MotionStatus, VoteResult } from '../voting/motion';

export type MinutesLocale = 'zh' | 'en';

/**
 * Every word the rendered minutes use, per language. The minutes are rendered outside the app's
 * message catalogue too (exports, archive, command line), so they carry their own small table.
 */
export interface MinutesLabels {
	minutes: string;
	/** The heading of a meeting's minutes. */
	minutesOf: (meeting: string) => string;
	draft: string;
	council: string;
	meeting: string;
	type: string;
	date: string;
	place: string;
	online: string;
	chair: string;
	clerk: string;
	opened: string;
	adjourned: string;
	notAdjourned: string;
	attendance: string;
	inPerson: string;
	remote: string;
	byProxy: (holder: string) => string;
	represented: string;
	outcome: string;
	how: string;
	noConstituency: string;
	separator: string;
	/** Chinese text takes full-width punctuation: 未达到（人数 …），not 未达到 (人数 …). */
	colon: string;
	comma: string;
	semicolon: string;
	paren: (text: string) => string;
	absent: string;
	late: string;
	departed: string;
	none: string;
	quorum: string;
	quorumAtOpening: string;
	quorumMet: string;
	quorumNotMet: string;
	headcount: string;
	weight: string;
	presentOf: (present: string, total: string, required: string) => string;
	agenda: string;
	presenter: string;
	notTaken: string;
	clerkNotes: string;
	motion: (n: number) => string;
	amendment: (n: number, of: number | null) => string;
	movedBy: string;
	secondedBy: string;
	document: string;
	recused: string;
	vote: string;
	secretBallot: string;
	openBallot: string;
	handCount: string;
	/** The row of a by-constituency table for hands counted as totals, which have no constituency. */
	handTotalsRow: string;
	yes: string;
	no: string;
	abstain: string;
	option: string;
	count: string;
	total: string;
	constituency: string;
	participation: string;
	approval: string;
	required: string;
	met: string;
	notMet: string;
	quorumAtVote: string;
	votedBy: string;
	turnout: string;
	ballots: string;
	candidate: string;
	votes: string;
	elected: string;
	tiedAtCut: string;
	result: Record<VoteResult | 'open', string>;
	motionStatus: Record<MotionStatus, string>;
	via: Record<CastVia, string>;
	castFor: (by: string) => string;
	decisions: string;
	tasksCreated: string;
	task: string;
	owner: string;
	due: string;
	status: string;
	taskStatus: Record<FollowUpStatus, string>;
	mattersArising: string;
	minutesApproved: string;
	generatedFrom: (seq: number, hash: string) => string;
}

const zh: MinutesLabels = {
	minutes: '会议纪要',
	minutesOf: (meeting) => `${meeting} 会议纪要`,
	draft: '草稿',
	council: '组织',
	meeting: '会议',
	type: '会议类型',
	date: '时间',
	place: '地点',
	online: '线上',
	chair: '主持人',
	clerk: '记录人',
	opened: '开会时间',
	adjourned: '散会时间',
	notAdjourned: '会议尚未结束',
	attendance: '出席情况',
	inPerson: '现场出席',
	remote: '线上出席',
	byProxy: (holder) => `委托${holder}`,
	represented: '委托出席',
	outcome: '结果',
	how: '方式',
	noConstituency: '未分界别',
	separator: '、',
	colon: '：',
	comma: '，',
	semicolon: '；',
	paren: (text) => `（${text}）`,
	absent: '缺席',
	late: '迟到',
	departed: '离席',
	none: '无',
	quorum: '法定人数',
	quorumAtOpening: '开会时法定人数',
	quorumMet: '已达到',
	quorumNotMet: '未达到',
	headcount: '人数',
	weight: '权重',
	presentOf: (present, total, required) => `到会 ${present} / 共 ${total}，需要 ${required}`,
	agenda: '议程',
	presenter: '报告人',
	notTaken: '本次会议未讨论',
	clerkNotes: '记录',
	motion: (n) => `动议 ${n}`,
	amendment: (n, of) => (of ? `修正案 ${n}（修改动议 ${of}）` : `修正案 ${n}`),
	movedBy: '提议人',
	secondedBy: '附议人',
	document: '表决文本版本',
	recused: '回避',
	vote: '表决',
	secretBallot: '无记名投票',
	openBallot: '记名表决',
	handCount: '含现场举手计数',
	handTotalsRow: '现场举手（不分界别）',
	yes: '赞成',
	no: '反对',
	abstain: '弃权',
	option: '选项',
	count: '票数',
	total: '合计',
	constituency: '界别',
	participation: '参与投票',
	approval: '赞成',
	required: '需要',
	met: '达到',
	notMet: '未达到',
	quorumAtVote: '表决时法定人数',
	votedBy: '投票人',
	turnout: '参加投票',
	ballots: '逐人表决',
	candidate: '候选人',
	votes: '得票',
	elected: '当选',
	tiedAtCut: '票数相同，需另行决定',
	result: { carried: '通过', failed: '未通过', 'no-quorum': '因不足法定人数未能决定', open: '表决进行中' },
	motionStatus: {
		draft: '待附议',
		seconded: '已附议',
		voting: '表决中',
		closed: '已表决',
		withdrawn: '已撤回'
	},
	via: { remote: '本人', 'roll-call': '唱名', proxy: '代理' },
	castFor: (by) => `由${by}代投`,
	decisions: '决议',
	tasksCreated: '新增跟进事项',
	task: '事项',
	owner: '负责人',
	due: '期限',
	status: '状态',
	taskStatus: { open: '待办', 'in-progress': '进行中', done: '已完成', dropped: '已放弃' },
	mattersArising: '跟进事项',
	minutesApproved: '本次会议通过的纪要',
	generatedFrom: (seq, hash) => `根据会议记录第 1–${seq} 条生成（哈希链末端 ${hash}）`
};

const en: MinutesLabels = {
	minutes: 'Minutes',
	minutesOf: (meeting) => `Minutes of ${meeting}`,
	draft: 'Draft',
	council: 'Council',
	meeting: 'Meeting',
	type: 'Type',
	date: 'Date',
	place: 'Place',
	online: 'Online',
	chair: 'Chair',
	clerk: 'Clerk',
	opened: 'Opened',
	adjourned: 'Adjourned',
	notAdjourned: 'The meeting has not been adjourned',
	attendance: 'Attendance',
	inPerson: 'Present in person',
	remote: 'Present online',
	byProxy: (holder) => `by proxy to ${holder}`,
	represented: 'Represented by proxy',
	outcome: 'Result',
	how: 'How',
	noConstituency: 'no constituency',
	separator: ', ',
	colon: ': ',
	comma: ', ',
	semicolon: '; ',
	paren: (text) => ` (${text})`,
	absent: 'Absent',
	late: 'Late arrivals',
	departed: 'Departures',
	none: 'none',
	quorum: 'Quorum',
	quorumAtOpening: 'Quorum at the opening',
	quorumMet: 'met',
	quorumNotMet: 'not met',
	headcount: 'members',
	weight: 'weight',
	presentOf: (present, total, required) => `${present} of ${total} present, ${required} required`,
	agenda: 'Agenda',
	presenter: 'Presented by',
	notTaken: 'Not taken up at this meeting',
	clerkNotes: 'Notes',
	motion: (n) => `Motion ${n}`,
	amendment: (n, of) => (of ? `Amendment ${n} (to motion ${of})` : `Amendment ${n}`),
	movedBy: 'Moved by',
	secondedBy: 'Seconded by',
	document: 'Version voted on',
	recused: 'Recused',
	vote: 'Vote',
	secretBallot: 'Secret ballot',
	openBallot: 'Open vote',
	handCount: 'including a show of hands',
	handTotalsRow: 'show of hands (no constituency)',
	yes: 'Yes',
	no: 'No',
	abstain: 'Abstain',
	option: 'Option',
	count: 'Votes',
	total: 'Total',
	constituency: 'Constituency',
	participation: 'participation',
	approval: 'approval',
	required: 'required',
	met: 'met',
	notMet: 'not met',
	quorumAtVote: 'Quorum at the vote',
	votedBy: 'Voted',
	turnout: 'Took part',
	ballots: 'Votes by member',
	candidate: 'Candidate',
	votes: 'Votes',
	elected: 'elected',
	tiedAtCut: 'tied for the last seat; to be decided by the council',
	result: {
		carried: 'Carried',
		failed: 'Not carried',
		'no-quorum': 'Not decided: no quorum',
		open: 'Voting in progress'
	},
	motionStatus: {
		draft: 'awaiting a second',
		seconded: 'seconded',
		voting: 'voting',
		closed: 'voted',
		withdrawn: 'withdrawn'
	},
	via: { remote: 'own device', 'roll-call': 'roll call', proxy: 'proxy' },
	castFor: (by) => `cast by ${by}`,
	decisions: 'Decisions',
	tasksCreated: 'Follow-up tasks created',
	task: 'Task',
	owner: 'Owner',
	due: 'Due',
	status: 'Status',
	taskStatus: { open: 'open', 'in-progress': 'in progress', done: 'done', dropped: 'dropped' },
	mattersArising: 'Matters arising',
	minutesApproved: 'Minutes approved at this meeting',
	generatedFrom: (seq, hash) => `Generated from record entries 1–${seq} (hash-chain head ${hash})`
};

export const MINUTES_LABELS: Record<MinutesLocale, MinutesLabels> = { zh, en };
