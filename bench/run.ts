import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startBenchApp } from './bench-app';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { userRepository } from '../src/lib/server/repositories/user.repository';
import { connect as connectClient, counts, option, percentile, type Client } from './common';

/**
 * `npm run bench`: real socket.io clients, each signed in with its own session, against the real
 * server on loopback with a fresh embedded database. For each client count it measures the `ping`
 * round trip while every client pings at once, and prints one line per count:
 *
 *   ping clients=N p50_ms=… p99_ms=… rss_mb=…
 *
 * rss is this whole process (server, PGlite and the clients). Bounded: fixed rounds, a time limit.
 * Then it runs the live-meeting fan-out bench (bench/fanout.ts) in a fresh process of its own, so
 * that its server's rss is not this one's, which prints `fanout participants=N …` lines.
 * Then the shared-document bench (bench/yjs.ts) prints `yjs editors=50 …` and `yjs_load …`, and
 * the ballots bench (bench/ballots.ts) `ballots voters=2000 …` per database, and the minutes bench
 * (bench/minutes.ts) `minutes events=10000 generate_ms=… pdf_ms=… archive_meetings=100 archive_ms=…`.
 * Options: --clients 100,500  --rounds 20  --only ping|fanout|yjs|ballots|minutes  (and each bench's own)
 */

const TIME_LIMIT_MS = 5 * 60_000;
const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 10_000;

const clientCounts = counts('clients', '100,500');
const rounds = Number.parseInt(option('rounds', '20'), 10);
const only = option('only', '');

const connect = (url: string, cookie: string) => connectClient(url, cookie, CONNECT_TIMEOUT_MS);

/** Every client pings at once, `rounds` times; returns the sorted round-trip times in ms. */
async function measure(clients: Client[]): Promise<number[]> {
	const times: number[] = [];
	for (let round = -1; round < rounds; round++) {
		const batch = await Promise.all(
			clients.map(async (socket) => {
				const t0 = performance.now();
				const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('ping', { sentAt: Date.now() });
				if (!answer.ok) throw new Error(`ping refused: ${answer.error.code}`);
				return performance.now() - t0;
			})
		);
		if (round >= 0) times.push(...batch); // round -1 warms up
	}
	return times.sort((a, b) => a - b);
}

async function main() {
	const { app, dispose } = await startBenchApp('yishi-bench-');
	const cookieName = sessionCookieName(app.ctx.settings.secureCookies);
	const cookies: string[] = [];
	const clients: Client[] = [];
	try {
		for (const count of clientCounts) {
			while (cookies.length < count) {
				const user = await userRepository(app.ctx.db.sql).create({
					name: `bench-${cookies.length}`,
					email: null
				});
				const { sessionToken } = await app.ctx.services.sessions.start(user.id);
				cookies.push(`${cookieName}=${sessionToken}`);
			}
			while (clients.length < count) {
				const batch = cookies.slice(clients.length, Math.min(count, clients.length + 50));
				clients.push(...(await Promise.all(batch.map((cookie) => connect(app.url, cookie)))));
			}
			const times = await measure(clients);
			const rss = process.memoryUsage().rss / 2 ** 20;
			console.log(
				`ping clients=${count} p50_ms=${percentile(times, 50).toFixed(2)} p99_ms=${percentile(times, 99).toFixed(2)} rss_mb=${rss.toFixed(0)}`
			);
		}
	} finally {
		for (const socket of clients) socket.close();
		await dispose();
	}
}

/** A bench in a child process of its own (it forks its own clients or server); resolves to its exit code. */
function runChild(name: string): Promise<number> {
	const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
	// process.execArgv carries tsx's loader, so the child runs TypeScript as this process does.
	const child = spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
		stdio: 'inherit'
	});
	const forward = (signal: NodeJS.Signals) => child.kill(signal);
	process.on('SIGINT', forward).on('SIGTERM', forward);
	return new Promise((resolve) => {
		child.on('error', (error) => {
			console.error(`${name} bench could not start:`, error);
			resolve(1);
		});
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

/** The benches that run in a process of their own, in this order; `--only <name>` picks one. */
const CHILD_BENCHES = ['fanout', 'yjs', 'ballots', 'minutes'] as const;

async function all(): Promise<number> {
	if (only === '' || only === 'ping') {
		// The ping bench's own limit; the others keep their own.
		const limit = setTimeout(() => {
			console.error(`bench: stopped after the ${TIME_LIMIT_MS / 1000} s limit`);
			process.exit(1);
		}, TIME_LIMIT_MS);
		limit.unref();
		await main();
		clearTimeout(limit);
	}
	let code = 0;
	for (const name of CHILD_BENCHES) {
		if (only === '' || only === name) code ||= await runChild(name);
	}
	return code;
}

all().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('bench failed:', error);
		process.exit(1);
	}
);
