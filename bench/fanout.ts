import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io';
import type { Yishi } from '../server/app';
import { startBenchApp } from './bench-app';
import { meetingRoom } from '../server/realtime/meeting.handlers';
import { CouncilKind } from '../src/lib/domain/council/council-kind';
import { Role } from '../src/lib/domain/council/role';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { eventLogRepository } from '../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../src/lib/server/repositories/meeting.repository';
import { memberRepository } from '../src/lib/server/repositories/member.repository';
import { userRepository } from '../src/lib/server/repositories/user.repository';
import {
	BASELINE_EVENT,
	counts,
	option,
	percentile,
	requestChild,
	type EventsPayload,
	type FromClients,
	type ToClients
} from './common';

/**
 * Live-meeting fan-out: N participants (real socket.io clients, each on its own connection) have
 * joined one meeting while the moderator advances the agenda; for each N it prints
 *
 *   fanout participants=N p50_ms=… p99_ms=… baseline_p99_ms=… ratio=… rss_mb=…
 *
 * Latency is from the moderator sending `meeting:command` (agenda:item-start, then agenda:next) to
 * each participant receiving the `meeting:events` broadcast, over all participants and advances.
 * The baseline, interleaved with the advances in the same run, is a bare
 * `io.to(room).emit('meeting:events', payload)` of the same payload to the same clients, caused
 * the same way (one message from the moderator's socket to a bench-only server handler), so that
 * ratio = p99 / baseline_p99 is what the application adds on top of socket.io itself.
 *
 * Processes: this process is the server (startYishi, embedded PGlite in a temp dir, demo off) and
 * nothing else; the moderator and every participant run in one forked child process. Decoding
 * 2,000 socket.io messages costs the clients about as much CPU as sending them costs the server,
 * so in one process the clients' work would queue behind the server's broadcast loop (and vice
 * versa) and be counted as server latency; as two processes on this 2-core machine each gets a
 * core of its own, and rss_mb (after each N) is the server's alone (it includes in-process PGlite).
 * Worker threads were not used: they would share this process's heap, rss and GC pauses. The
 * clients stay in one process so that send and receive times come from one clock.
 *
 * Each N gets its own meeting (roster N + 1, frozen when it opens; 55 agenda items), joined by
 * every participant; connections and joins are staggered in batches of 100. Loopback only,
 * bounded by per-step timeouts and an overall limit; exits by itself.
 *
 * Options: --participants 100,500,1000,2000  --advances 50  --detail
 * Run on its own with `npx tsx bench/fanout.ts`; `npm run bench` runs it after the ping bench.
 */

const participantCounts = counts('participants', '100,500,1000,2000').sort((a, b) => a - b);
const advances = Math.max(1, Number.parseInt(option('advances', '50'), 10) || 50);
/** Advances (and baselines) before the measured ones, not counted: JIT, first-use paths. */
const WARMUP = 5;
/** `--detail`: a second line per N on stderr with more percentiles and the bare broadcast's cost. */
const detail = process.argv.includes('--detail');
const SETTLE_MS = 1_000;
const TIME_LIMIT_MS = 12 * 60_000;
const STEP_TIMEOUT_MS = 5 * 60_000;

type Measured = Extract<FromClients, { type: 'measured' }>;

/** Sends a message to the clients process and waits for the answer of the given type. */
function request<T extends FromClients['type']>(
	child: ChildProcess,
	message: ToClients,
	answer: T
): Promise<Extract<FromClients, { type: T }>> {
	return requestChild<FromClients, T>(child, message, answer, STEP_TIMEOUT_MS);
}

/** How long each bare broadcast kept the server busy (the synchronous write loop over the room). */
const bareEmitMs: number[] = [];
/** The bench-only baseline: a bare broadcast of the caller's payload to the meeting room. */
function registerBaseline(app: Yishi) {
	app.io.on('connection', (socket) => {
		(socket as unknown as Socket).on(BASELINE_EVENT, (payload: EventsPayload, ack?: () => void) => {
			const t = performance.now();
			app.io.to(meetingRoom(payload.meetingId)).emit('meeting:events', payload);
			bareEmitMs.push(performance.now() - t);
			if (typeof ack === 'function') ack();
		});
	});
}

async function seedParticipants(app: Yishi, councilId: string, from: number, to: number): Promise<string[]> {
	const { sql } = app.ctx.db;
	const cookieName = sessionCookieName(app.ctx.settings.secureCookies);
	const userIds: string[] = [];
	for (let start = from; start < to; start += 100) {
		await sql.begin(async (tx) => {
			for (let i = start; i < Math.min(to, start + 100); i++) {
				const user = await userRepository(tx).create({ name: `参会者 ${i + 1}`, email: null });
				await memberRepository(tx).insert({
					councilId,
					userId: user.id,
					role: Role.member,
					voteWeight: 1,
					constituency: null,
					organisation: null
				});
				userIds.push(user.id);
			}
		});
	}
	const cookies: string[] = [];
	for (const userId of userIds) {
		const { sessionToken } = await app.ctx.services.sessions.start(userId);
		cookies.push(`${cookieName}=${sessionToken}`);
	}
	return cookies;
}

/** A meeting with enough agenda items for every advance, opened (its roster frozen) by the moderator. */
async function openMeeting(app: Yishi, councilId: string, moderatorId: string, n: number) {
	const { sql } = app.ctx.db;
	const meeting = await meetingRepository(sql).insert({
		councilId,
		titleZh: `压测会议（${n} 人）`,
		titleEn: `Bench meeting (${n} participants)`,
		startsAt: new Date(),
		plannedMinutes: 120,
		location: null,
		onlineUrl: null,
		createdBy: moderatorId
	});
	const itemIds = Array.from({ length: Math.max(51, WARMUP + advances) }, () => randomUUID());
	const added = await eventLogRepository(sql).append({
		meetingId: meeting.id,
		expectedSeq: 0,
		occurredAt: new Date(),
		events: itemIds.map((itemId, index) => ({
			type: 'agenda:item-add',
			actorId: moderatorId,
			payload: {
				itemId,
				index,
				fields: {
					title: `议程 ${index + 1}`,
					description: '',
					presenter: null,
					plannedMinutes: 5,
					kind: 'discussion',
					documentId: null
				}
			}
		}))
	});
	if (!added.ok) throw new Error(`cannot add the agenda: ${added.error.code}`);
	const opened = await app.ctx.services.meetingRooms.command(moderatorId, meeting.id, randomUUID(), {
		type: 'meeting:open'
	});
	if (!opened.ok) throw new Error(`cannot open the meeting: ${opened.error.code} ${opened.error.message}`);
	return { meetingId: meeting.id, firstItemId: itemIds[0]! };
}

function line(n: number, m: Measured, rssBytes: number): string {
	const fanout = Float64Array.from(m.fanout).sort();
	const baseline = Float64Array.from(m.baseline).sort();
	const p99 = percentile(fanout, 99);
	const base99 = percentile(baseline, 99);
	return (
		`fanout participants=${n} p50_ms=${percentile(fanout, 50).toFixed(2)} p99_ms=${p99.toFixed(2)}` +
		` baseline_p99_ms=${base99.toFixed(2)} ratio=${(p99 / base99).toFixed(2)}` +
		` rss_mb=${(rssBytes / 2 ** 20).toFixed(0)}`
	);
}

function details(m: Measured, bareEmit: number[]): string {
	const spread = (values: number[]) => {
		const sorted = Float64Array.from(values).sort();
		return [10, 50, 90, 99, 100].map((p) => `p${p}=${percentile(sorted, p).toFixed(1)}`).join(',');
	};
	return `  fanout_ms ${spread(m.fanout)} baseline_ms ${spread(m.baseline)} server_bare_emit_ms ${spread(bareEmit)}`;
}

let clients: ChildProcess | null = null;

async function main() {
	const { app, dispose } = await startBenchApp('yishi-bench-fanout-');
	registerBaseline(app);
	// Under tsx the child inherits its loader through process.execArgv (fork's default).
	const child = fork(fileURLToPath(new URL('./fanout-clients.ts', import.meta.url)), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	clients = child;
	try {
		const { sql } = app.ctx.db;
		const moderator = await userRepository(sql).create({ name: '压测主持人', email: null });
		const council = await app.ctx.services.councils.create(moderator.id, {
			nameZh: '压测议事会',
			nameEn: 'Bench council',
			descriptionZh: '',
			descriptionEn: '',
			kind: CouncilKind.residentsCouncil
		});
		const cookieName = sessionCookieName(app.ctx.settings.secureCookies);
		const moderatorCookie = `${cookieName}=${(await app.ctx.services.sessions.start(moderator.id)).sessionToken}`;
		let seeded = 0;
		for (const n of participantCounts) {
			const cookies = await seedParticipants(app, council.id, seeded, n);
			seeded = n;
			await request(child, { type: 'connect', url: app.url, cookies, moderatorCookie }, 'connected');
			const { meetingId, firstItemId } = await openMeeting(app, council.id, moderator.id, n);
			await request(child, { type: 'join', meetingId }, 'joined');
			// Let the joins' aftermath (snapshots sent, their garbage collected) settle first.
			await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
			const measured = await request(
				child,
				{ type: 'measure', meetingId, firstItemId, warmup: WARMUP, advances },
				'measured'
			);
			console.log(line(n, measured, process.memoryUsage().rss));
			if (detail) console.error(details(measured, bareEmitMs.splice(0)));
		}
	} finally {
		if (child.connected) child.send({ type: 'close' } satisfies ToClients);
		await new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			const timer = setTimeout(() => {
				child.kill();
				resolve();
			}, 5_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
		});
		await dispose();
	}
}

const limit = setTimeout(() => {
	console.error(`fanout bench: stopped after the ${TIME_LIMIT_MS / 1000} s limit`);
	clients?.kill();
	process.exit(1);
}, TIME_LIMIT_MS);
limit.unref();

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('fanout bench failed:', error);
		clients?.kill();
		process.exit(1);
	}
);
