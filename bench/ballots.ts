import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { startYishi, type Yishi } from '../server/app';
import { readConfig } from '../server/config';
import type { MeetingCommand } from '../src/lib/domain/meeting/meeting-command';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { CouncilKind } from '../src/lib/domain/council/council-kind';
import { eventLogRepository } from '../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../src/lib/server/repositories/meeting.repository';
import { memberRepository } from '../src/lib/server/repositories/member.repository';
import { userRepository } from '../src/lib/server/repositories/user.repository';
import type { FromVoters, ToVoters } from './ballots-clients';
import type { Socket } from 'socket.io';
import { ACK_BASELINE_EVENT, option, percentile, requestChild } from './common';
import { cpuFields, cpuTimes } from './cpu-time';

/**
 * A vote of 2,000 connected voters who cast at once, each sending its ballot twice (a retry with
 * the same command id). One line per database:
 *
 *   ballots voters=2000 cast_per_s=… ack_p99_ms=… tally_after_close_ms=… lost=0 duplicated=0 db=server|pglite
 *     baseline_ack_p99_ms=… ratio=…
 *
 * cast_per_s: acknowledged ballots over the time from the first send to the last acknowledgement;
 * ack_p99_ms: a ballot's send to its acknowledgement; tally_after_close_ms: the moderator's close
 * to the last client (of 2,001) receiving the result; lost: acknowledged ballots missing from the
 * record; duplicated: ballots recorded more than once; baseline_ack_p99_ms: the same burst from the
 * same voters, before the vote, to a bench-only event acknowledged at once (socket.io's own cost);
 * ratio: ack_p99_ms over it; joins_ms: the watching voters joining the meeting (100 at a time), each
 * receiving the meeting's snapshot; snapshot_kb and snapshot_json_kb: its size packed (as sent) and
 * as JSON; unpack_ms: one screen unpacking it; cast_ms: the cast from the first send to the last
 * acknowledgement, and cpu_server_ms, cpu_clients_ms, cpu_postgres_ms (server line only): the CPU
 * time each process used meanwhile (Linux; they share the machine's cores). The vote is secret, so every ballot also
 * goes through the ballot box. `db=server` runs on a fresh database of DATABASE_URL's server (only
 * when DATABASE_URL is set); `db=pglite` on the embedded default.
 * Voters run in a forked process (see bench/fanout.ts for why). Each database holds `--votes`
 * votes (default 3) by the same joined voters, one after another; the figures are the rounds'
 * medians (lost and duplicated their sums), and ack_p99_ms_each lists every round's p99. Options:
 * --voters 2000, --votes 3, and --watchers N for how many of them follow the meeting live
 * (default all: every fact reaches every voter; --watchers 0 measures deciding and storing alone);
 * a watchers= field is added when N differs.
 */

const voterCount = Number.parseInt(option('voters', '2000'), 10);
/** Voters who also follow the meeting live (default: all); fewer isolates deciding and storing from fan-out. */
const watchers = Math.min(voterCount, Number.parseInt(option('watchers', String(voterCount)), 10));
const STEP_TIMEOUT_MS = 5 * 60_000;
/** Votes per database: the figures are each round's median, as one cast's p99 moves with the machine's load. */
const rounds = Math.max(1, Number.parseInt(option('votes', '3'), 10) || 3);

function request<T extends FromVoters['type']>(
	child: ChildProcess,
	message: ToVoters,
	answer: T
): Promise<Extract<FromVoters, { type: T }>> {
	return requestChild<FromVoters, T>(child, message, answer, STEP_TIMEOUT_MS);
}

async function seed(app: Yishi) {
	const { sql } = app.ctx.db;
	const cookieName = sessionCookieName(app.ctx.settings.secureCookies);
	const founder = await userRepository(sql).create({ name: '主持人', email: null });
	const council = await app.ctx.services.councils.create(founder.id, {
		nameZh: '业主大会',
		nameEn: 'Owners’ assembly',
		descriptionZh: '',
		descriptionEn: '',
		kind: CouncilKind.residentsCouncil
	});
	const councilId = council.id;
	const users = await sql<{ id: string }[]>`
		insert into users (name, email)
		select '业主 ' || i, null from generate_series(1, ${voterCount}) i returning id`;
	const members = await sql<{ id: string; userId: string }[]>`
		insert into council_member (council_id, user_id, role, check_in_code)
		select ${councilId}, u.id, 'member', lpad((1000000 + row_number() over ())::text, 8, '0')
		from unnest(${sql.array(users.map((u) => u.id))}::uuid[]) as u(id)
		returning id, user_id`;
	const expires = new Date(Date.now() + 86_400_000);
	const tokens = members.map(() => randomUUID());
	await sql`insert into sessions ("userId", expires, "sessionToken")
		select u, ${expires}, t from unnest(${sql.array(members.map((m) => m.userId))}::uuid[],
			${sql.array(tokens)}::text[]) as x(u, t)`;
	const founderMember = await memberRepository(sql).find(councilId, founder.id);
	const { sessionToken } = await app.ctx.services.sessions.start(founder.id);
	const meeting = await meetingRepository(sql).insert({
		councilId,
		titleZh: '业主大会表决',
		titleEn: 'Owners’ vote',
		startsAt: new Date(),
		plannedMinutes: 60,
		location: null,
		onlineUrl: null,
		createdBy: founder.id
	});
	return {
		meetingId: meeting.id,
		moderator: { userId: founder.id, memberId: founderMember!.id, cookie: `${cookieName}=${sessionToken}` },
		voters: members.map((m, i) => ({ ...m, cookie: `${cookieName}=${tokens[i]}` }))
	};
}

interface BallotCommand {
	meetingId: string;
	commandId: string;
	command: { motionId: string; choice: string; receipt: string };
}

/**
 * The bench-only baseline: acknowledges at once with a fact of a ballot's size, what socket.io
 * alone costs for the same burst on the same connections.
 */
function registerAckBaseline(app: Yishi) {
	let seq = 0;
	app.io.on('connection', (socket) => {
		(socket as unknown as Socket).on(ACK_BASELINE_EVENT, (p: BallotCommand, ack?: (a: unknown) => void) => {
			if (typeof ack !== 'function') return;
			const voterId = socket.data.user?.id ?? p.commandId;
			const payload = { motionId: p.command.motionId, voterId, castBy: voterId, via: 'remote' };
			const fact = {
				type: 'ballot:turnout',
				payload,
				seq: ++seq,
				actorId: voterId,
				occurredAt: new Date().toISOString()
			};
			ack({ ok: true, value: { events: [fact] } });
		});
	});
}

interface Round {
	ack99: number;
	base99: number;
	castPerS: number;
	castMs: number;
	lastResult: number;
	lost: number;
	duplicated: number;
	/** The cpu_…_ms fields of this round's cast. */
	cpu: string;
}

/** One secret vote: the baseline burst, everyone casting (and retrying) at once, the close. */
async function castRound(
	app: Yishi,
	meetingId: string,
	motionId: string,
	voters: ChildProcess
): Promise<Round> {
	const baseline = await request(voters, { type: 'baseline', motionId }, 'baseline');
	const cpuBefore = cpuTimes(voters.pid);
	const cast = await request(voters, { type: 'cast', motionId }, 'cast');
	const cpu = cpuFields(cpuBefore, cpuTimes(voters.pid), app.ctx.db.kind === 'server');
	const closed = await request(voters, { type: 'close', motionId }, 'closed');
	const ofMotion = (e: { payload: unknown }) => (e.payload as { motionId?: string }).motionId === motionId;
	const log = (await eventLogRepository(app.ctx.db.sql).readSince(meetingId, 0, 1_000_000)).filter(ofMotion);
	const turnout = log.filter((e) => e.type === 'ballot:turnout');
	const distinct = new Set(turnout.map((e) => (e.payload as { voterId: string }).voterId)).size;
	const [box] = await app.ctx.db.sql<{ n: number }[]>`
		select count(*)::int as n from secret_ballot where meeting_id = ${meetingId} and motion_id = ${motionId}`;
	const close = log.find((e) => e.type === 'vote:close')?.payload as
		{ tally: { counts: { yes: number; no: number; abstain: number } } } | undefined;
	const counted = close ? close.tally.counts.yes + close.tally.counts.no + close.tally.counts.abstain : 0;
	if (cast.refused.length > 0) console.error(`ballots: refused ${cast.refused.slice(0, 5).join(', ')}…`);
	if (closed.missing > 0) console.error(`ballots: ${closed.missing} clients never saw the result`);
	const p99 = (xs: number[]) =>
		percentile(
			[...xs].sort((a, b) => a - b),
			99
		);
	return {
		ack99: p99(cast.acks),
		base99: p99(baseline.acks),
		castPerS: (cast.acknowledged / cast.elapsedMs) * 1000,
		castMs: cast.elapsedMs,
		lastResult: Math.max(...closed.resultMs),
		lost: Math.max(0, cast.acknowledged - counted),
		duplicated: turnout.length - distinct + Math.max(0, box!.n - distinct) + Math.max(0, counted - distinct),
		cpu
	};
}

async function benchOn(db: 'server' | 'pglite', databaseUrl: string | null): Promise<string> {
	const dataDir = mkdtempSync(join(tmpdir(), 'yishi-ballots-'));
	const config = readConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		YISHI_DEMO: '0',
		YISHI_LOG: 'silent',
		...(databaseUrl ? { DATABASE_URL: databaseUrl } : {})
	});
	const app = await startYishi({ config });
	registerAckBaseline(app);
	const voters = fork(fileURLToPath(new URL('./ballots-clients.ts', import.meta.url)), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	try {
		const s = await seed(app);
		const rooms = app.ctx.services.meetingRooms;
		const as = async (userId: string, command: MeetingCommand) => {
			const done = await rooms.command(userId, s.meetingId, randomUUID(), command);
			if (!done.ok) throw new Error(`${command.type}: ${done.error.code} ${done.error.message}`);
		};
		const itemId = randomUUID();
		await as(s.moderator.userId, {
			type: 'agenda:item-add',
			itemId,
			fields: {
				title: '续聘物业',
				description: '',
				presenter: null,
				plannedMinutes: 30,
				kind: 'decision',
				documentId: null
			}
		});
		await as(s.moderator.userId, { type: 'meeting:open' });
		await as(s.moderator.userId, { type: 'agenda:next' });
		await Promise.all(
			s.voters.map((v) => as(v.userId, { type: 'attendance:check-in', memberId: v.id, mode: 'remote' }))
		);
		const openVote = async () => {
			const motionId = randomUUID();
			await as(s.moderator.userId, { type: 'motion:propose', motionId, itemId, text: '续聘现物业公司三年' });
			await as(s.moderator.userId, { type: 'vote:open', motionId, secret: true });
			return motionId;
		};
		// The first vote is open while the voters join, so their snapshot holds a vote of 2,000.
		let motionId = await openVote();
		const { joinMs, snapshot } = await request(
			voters,
			{
				type: 'connect',
				url: app.url,
				meetingId: s.meetingId,
				voterCookies: s.voters.map((v) => v.cookie),
				watchers,
				moderatorCookie: s.moderator.cookie
			},
			'connected'
		);
		const each: Round[] = [];
		for (let round = 0; round < rounds; round++) {
			if (round > 0) {
				motionId = await openVote();
				await request(voters, { type: 'opened', motionId }, 'opened');
			}
			each.push(await castRound(app, s.meetingId, motionId, voters));
		}
		const median = (pick: (r: Round) => number) =>
			percentile(
				each.map(pick).sort((a, b) => a - b),
				50
			);
		const sum = (pick: (r: Round) => number) => each.reduce((n, r) => n + pick(r), 0);
		const ack99 = median((r) => r.ack99);
		const base99 = median((r) => r.base99);
		const cpu = each.find((r) => r.ack99 === ack99)!.cpu;
		return (
			`ballots voters=${voterCount} cast_per_s=${median((r) => r.castPerS).toFixed(0)}` +
			` ack_p99_ms=${ack99.toFixed(0)} tally_after_close_ms=${median((r) => r.lastResult).toFixed(0)}` +
			` lost=${sum((r) => r.lost)} duplicated=${sum((r) => r.duplicated)} db=${db}` +
			` baseline_ack_p99_ms=${base99.toFixed(0)} ratio=${(ack99 / base99).toFixed(2)}` +
			` joins_ms=${joinMs.toFixed(0)} snapshot_kb=${(snapshot.packedBytes / 1024).toFixed(0)}` +
			` snapshot_json_kb=${(snapshot.jsonBytes / 1024).toFixed(0)} unpack_ms=${snapshot.unpackMs.toFixed(1)}` +
			` cast_ms=${median((r) => r.castMs).toFixed(0)}${cpu}` +
			` rounds=${rounds} ack_p99_ms_each=${each.map((r) => r.ack99.toFixed(0)).join('/')}` +
			(watchers === voterCount ? '' : ` watchers=${watchers}`)
		);
	} finally {
		voters.send({ type: 'exit' } satisfies ToVoters);
		await app.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/** A throwaway database on DATABASE_URL's server; dropped afterwards. */
async function withServerDatabase<T>(url: string, run: (url: string) => Promise<T>): Promise<T> {
	const name = `yishi_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	try {
		const u = new URL(url);
		u.pathname = `/${name}`;
		return await run(u.toString());
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

async function main() {
	const url = process.env.DATABASE_URL;
	if (url) console.log(await withServerDatabase(url, (u) => benchOn('server', u)));
	console.log(await benchOn('pglite', null));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('ballots bench failed:', error);
		process.exit(1);
	}
);
