import type { QuorumStatus } from '../meeting/quorum';
import type { Counts } from '../voting/tally';
import type { Minutes, MinutesMotion, MinutesVote } from './minutes';
import { MINUTES_LABELS, type MinutesLabels, type MinutesLocale } from './minutes-labels';

/** The minutes laid out once as simple blocks, so every format (Markdown, HTML, PDF, DOCX) says the same. */
export type Block =
	| { kind: 'title'; text: string }
	| { kind: 'heading'; level: 2 | 3 | 4; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'fields'; rows: [string, string][] }
	| { kind: 'list'; items: string[] }
	| { kind: 'table'; head: string[]; rows: string[][] };

export interface MinutesDocument {
	locale: MinutesLocale;
	title: string;
	/** The running header of printed pages. */
	council: string;
	blocks: Block[];
}

/** China Standard Time, the councils' clock; rendering must not depend on the server's zone. */
const OFFSET_MS = 8 * 60 * 60 * 1000;

export function formatTime(iso: string | null): string {
	if (!iso) return '';
	const d = new Date(Date.parse(iso) + OFFSET_MS).toISOString();
	return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

const clock = (iso: string) => formatTime(iso).slice(11);

export const formatWeight = (cents: number) => (cents / 100).toFixed(2).replace(/\.?0+$/, '');

export function minutesDocument(minutes: Minutes, locale: MinutesLocale): MinutesDocument {
	const L = MINUTES_LABELS[locale];
	const h = minutes.header;
	const blocks: Block[] = [{ kind: 'title', text: L.minutesOf(h.meetingTitle) }];
	if (minutes.status !== 'adjourned')
		blocks.push({ kind: 'paragraph', text: `${L.draft}${L.colon}${L.notAdjourned}` });
	const fields: [string, string][] = [
		[L.council, h.councilName],
		[L.meeting, h.meetingTitle],
		...(h.meetingType ? [[L.type, h.meetingType] as [string, string]] : []),
		[L.date, formatTime(h.scheduledAt)],
		...(h.location ? [[L.place, h.location] as [string, string]] : []),
		...(h.onlineUrl ? [[L.online, h.onlineUrl] as [string, string]] : []),
		[L.chair, h.chair ?? L.none],
		[L.clerk, h.clerk ?? L.none],
		[L.opened, formatTime(minutes.openedAt) || L.none],
		[L.adjourned, formatTime(minutes.adjournedAt) || L.notAdjourned]
	];
	blocks.push({ kind: 'fields', rows: fields });
	blocks.push(...attendanceBlocks(minutes, L));
	blocks.push({ kind: 'heading', level: 2, text: L.agenda });
	for (const item of minutes.items) blocks.push(...itemBlocks(item, L));
	blocks.push(...decisionBlocks(minutes, L));
	if (minutes.minutesApproved.length) {
		blocks.push({ kind: 'heading', level: 2, text: L.minutesApproved });
		blocks.push({
			kind: 'list',
			items: minutes.minutesApproved.map(
				(a) => `${a.meetingTitle} · ${formatTime(a.scheduledAt).slice(0, 10)}`
			)
		});
	}
	blocks.push(...taskBlocks(minutes, L));
	if (minutes.logHead)
		blocks.push({ kind: 'paragraph', text: L.generatedFrom(minutes.logHead.seq, minutes.logHead.hash) });
	return {
		locale,
		title: `${h.councilName} · ${h.meetingTitle} · ${L.minutes}`,
		council: h.councilName,
		blocks
	};
}

const names = (people: readonly { name: string }[], L: MinutesLabels) =>
	people.length ? people.map((p) => p.name).join(L.separator) : L.none;

function attendanceBlocks(minutes: Minutes, L: MinutesLabels): Block[] {
	const a = minutes.attendance;
	const rows: [string, string][] = [
		[L.inPerson, names(a.inPerson, L)],
		[L.remote, names(a.remote, L)],
		...(a.byProxy.length
			? [
					[
						L.represented,
						a.byProxy.map((p) => `${p.name}${L.paren(L.byProxy(p.holder))}`).join(L.separator)
					] as [string, string]
				]
			: []),
		[L.absent, names(a.absent, L)]
	];
	if (a.lateArrivals.length)
		rows.push([L.late, a.lateArrivals.map((x) => `${x.name} ${clock(x.at)}`).join(L.separator)]);
	if (a.departures.length)
		rows.push([L.departed, a.departures.map((x) => `${x.name} ${clock(x.at)}`).join(L.separator)]);
	const out: Block[] = [
		{ kind: 'heading', level: 2, text: L.attendance },
		{ kind: 'fields', rows }
	];
	out.push({ kind: 'heading', level: 3, text: L.quorum });
	const lines: string[] = [];
	if (minutes.quorumAtOpening)
		lines.push(`${L.quorumAtOpening}${L.colon}${quorumText(minutes.quorumAtOpening, L)}`);
	for (const q of minutes.quorumChanges) lines.push(`${formatTime(q.at)} ${quorumText(q.status, L)}`);
	out.push({ kind: 'list', items: lines.length ? lines : [L.none] });
	return out;
}

export function quorumText(q: QuorumStatus, L: MinutesLabels): string {
	const parts = q.parts.map((p) => {
		const fmt = p.measure === 'weight' ? formatWeight : String;
		return `${p.measure === 'weight' ? L.weight : L.headcount} ${L.presentOf(fmt(p.present), fmt(p.total), fmt(p.required))}`;
	});
	return `${q.met ? L.quorumMet : L.quorumNotMet}${L.paren(parts.join(L.semicolon))}`;
}

function itemBlocks(item: Minutes['items'][number], L: MinutesLabels): Block[] {
	const out: Block[] = [{ kind: 'heading', level: 3, text: `${item.number}. ${item.title}` }];
	const fields: [string, string][] = [];
	if (item.presenter) fields.push([L.presenter, item.presenter]);
	if (item.startedAt) fields.push([L.date, formatTime(item.startedAt)]);
	if (fields.length) out.push({ kind: 'fields', rows: fields });
	if (!item.taken) out.push({ kind: 'paragraph', text: L.notTaken });
	if (item.description) out.push({ kind: 'paragraph', text: item.description });
	if (item.notes) {
		out.push({ kind: 'heading', level: 4, text: L.clerkNotes });
		for (const para of item.notes.split(/\n\s*\n/)) out.push({ kind: 'paragraph', text: para.trim() });
	}
	for (const m of item.motions) out.push(...motionBlocks(m, L));
	if (item.tasks.length) {
		out.push({ kind: 'heading', level: 4, text: L.tasksCreated });
		out.push(taskTable(item.tasks, L));
	}
	return out;
}

function motionBlocks(m: MinutesMotion, L: MinutesLabels): Block[] {
	const title = m.kind === 'main' ? L.motion(m.number) : L.amendment(m.number, m.amends);
	const out: Block[] = [
		{
			kind: 'heading',
			level: 4,
			text: `${title} — ${m.vote?.result ? L.result[m.vote.result] : L.motionStatus[m.status]}`
		},
		{ kind: 'paragraph', text: m.text }
	];
	const fields: [string, string][] = [[L.movedBy, m.mover]];
	if (m.seconder) fields.push([L.secondedBy, m.seconder]);
	if (m.document) fields.push([L.document, `${m.document.name}${L.paren(`SHA-256 ${m.document.sha256}`)}`]);
	if (m.recusals.length)
		fields.push([L.recused, m.recusals.map((r) => `${r.name}${L.paren(r.reason)}`).join(L.separator)]);
	out.push({ kind: 'fields', rows: fields });
	if (m.vote) out.push(...voteBlocks(m.vote, L));
	return out;
}

const OPTIONS = ['yes', 'no', 'abstain'] as const;

function voteBlocks(v: MinutesVote, L: MinutesLabels): Block[] {
	const kind = `${v.secret ? L.secretBallot : L.openBallot}${v.handCounted ? `${L.comma}${L.handCount}` : ''}`;
	const fields: [string, string][] = [
		[L.vote, `${kind} · ${formatTime(v.openedAt)}${v.closedAt ? `–${clock(v.closedAt)}` : ''}`],
		[L.quorumAtVote, quorumText(v.quorumAtClose ?? v.quorumAtOpen, L)],
		[L.outcome, v.result ? L.result[v.result] : L.result.open]
	];
	const out: Block[] = [{ kind: 'fields', rows: fields }];
	if (v.counts) out.push(countsTable(v.counts, v.weights, L));
	if (v.byConstituency.length) {
		out.push({
			kind: 'table',
			head: [L.constituency, ...OPTIONS.map((o) => L[o])],
			rows: [
				...v.byConstituency.map((g) => [g.constituency, g.counts] as const),
				...(v.ungrouped ? [[L.noConstituency, v.ungrouped] as const] : []),
				...(v.handTotals ? [[L.handTotalsRow, v.handTotals] as const] : [])
			].map(([group, counts]) => [group, ...OPTIONS.map((o) => String(counts[o]))])
		});
	}
	if (v.parts.length) {
		out.push({
			kind: 'list',
			items: v.parts.map((p) => {
				const fmt = p.measure === 'weight' ? formatWeight : String;
				const scope = p.scope === 'overall' ? '' : `${p.scope.constituency || L.noConstituency}${L.colon}`;
				const test = p.test === 'approval' ? L.approval : L.participation;
				return `${scope}${test}${L.paren(p.measure === 'weight' ? L.weight : L.headcount)} ${fmt(p.value)} / ${fmt(p.base)}${L.comma}${L.required} ${fmt(p.required)} — ${p.met ? L.met : L.notMet}`;
			})
		});
	}
	if (v.election) {
		out.push({
			kind: 'table',
			head: [L.candidate, L.votes, L.outcome],
			rows: v.election.candidates.map((c) => [c.label, String(c.votes), c.elected ? L.elected : ''])
		});
		if (v.election.tiedAtCut.length)
			out.push({
				kind: 'paragraph',
				text: `${v.election.tiedAtCut.join(L.separator)}${L.colon}${L.tiedAtCut}`
			});
	}
	if (v.secret && v.turnout.length)
		out.push({ kind: 'paragraph', text: `${L.turnout}${L.colon}${v.turnout.join(L.separator)}` });
	if (!v.secret && v.ballots.length) {
		out.push({
			kind: 'table',
			head: [L.votedBy, L.option, L.how],
			rows: v.ballots.map((b) => [
				b.voter,
				OPTIONS.includes(b.choice as (typeof OPTIONS)[number])
					? L[b.choice as (typeof OPTIONS)[number]]
					: b.choice,
				[L.via[b.via], b.castBy ? L.castFor(b.castBy) : ''].filter(Boolean).join(L.comma)
			])
		});
	}
	return out;
}

function countsTable(counts: Counts, weights: Counts | null, L: MinutesLabels): Block {
	const total = (c: Counts) => c.yes + c.no + c.abstain;
	const head = [L.option, L.count, ...(weights ? [L.weight] : [])];
	const rows = OPTIONS.map((o) => [L[o], String(counts[o]), ...(weights ? [formatWeight(weights[o])] : [])]);
	rows.push([L.total, String(total(counts)), ...(weights ? [formatWeight(total(weights))] : [])]);
	return { kind: 'table', head, rows };
}

function taskTable(tasks: Minutes['tasksCreated'], L: MinutesLabels): Block {
	return {
		kind: 'table',
		head: [L.task, L.owner, L.due, L.status],
		rows: tasks.map((t) => [t.title, t.owner, t.dueOn, L.taskStatus[t.status]])
	};
}

function decisionBlocks(minutes: Minutes, L: MinutesLabels): Block[] {
	const out: Block[] = [{ kind: 'heading', level: 2, text: L.decisions }];
	if (!minutes.decisions.length) return [...out, { kind: 'paragraph', text: L.none }];
	out.push({
		kind: 'list',
		items: minutes.decisions.map(
			(d) =>
				`${d.itemNumber}. ${d.itemTitle} — ${L.motion(d.motionNumber)}${L.colon}${d.text} — ${L.result[d.result]}${d.elected.length ? L.paren(`${L.elected}${L.colon}${d.elected.join(L.separator)}`) : ''}`
		)
	});
	return out;
}

function taskBlocks(minutes: Minutes, L: MinutesLabels): Block[] {
	const out: Block[] = [{ kind: 'heading', level: 2, text: L.tasksCreated }];
	out.push(
		minutes.tasksCreated.length ? taskTable(minutes.tasksCreated, L) : { kind: 'paragraph', text: L.none }
	);
	out.push({ kind: 'heading', level: 2, text: L.mattersArising });
	if (!minutes.mattersArising.length) return [...out, { kind: 'paragraph', text: L.none }];
	out.push({
		kind: 'table',
		head: [L.task, L.owner, L.due, L.status],
		rows: minutes.mattersArising.map((t) => [t.title, t.owner, t.dueOn, L.taskStatus[t.status]])
	});
	const notes = minutes.mattersArising.flatMap((t) =>
		t.updates
			.filter((u) => u.note)
			.map((u) => `${t.title}${L.colon}${L.taskStatus[u.status]} — ${u.note}${L.paren(formatTime(u.at))}`)
	);
	if (notes.length) out.push({ kind: 'list', items: notes });
	return out;
}
