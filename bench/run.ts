import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { startYishi } from '../server/app';
import { readConfig } from '../server/config';
import { SOCKET_PATH, type ClientToServer, type ServerToClient } from '../src/lib/protocol/socket-events';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { userRepository } from '../src/lib/server/repositories/user.repository';

/**
 * `npm run bench`: real socket.io clients, each signed in with its own session, against the real
 * server on loopback with a fresh embedded database. For each client count it measures the `ping`
 * round trip while every client pings at once, and prints one line per count:
 *
 *   ping clients=N p50_ms=… p99_ms=… rss_mb=…
 *
 * rss is this whole process (server, PGlite and the clients). Bounded: fixed rounds, a time limit.
 * Options: --clients 100,500  --rounds 20
 */

type Client = Socket<ServerToClient, ClientToServer>;

const TIME_LIMIT_MS = 5 * 60_000;
const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 10_000;

function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const clientCounts = option('clients', '100,500')
	.split(',')
	.map((n) => Number.parseInt(n, 10))
	.filter((n) => n > 0);
const rounds = Number.parseInt(option('rounds', '20'), 10);

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function connect(url: string, cookie: string): Promise<Client> {
	const socket: Client = io(url, {
		path: SOCKET_PATH,
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false,
		forceNew: true,
		timeout: CONNECT_TIMEOUT_MS
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			reject(error);
		});
	});
}

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
	const dataDir = mkdtempSync(join(tmpdir(), 'yishi-bench-'));
	const config = readConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		YISHI_DEMO: '0',
		YISHI_LOG: 'silent'
	});
	const app = await startYishi({ config });
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
		await app.close();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

const limit = setTimeout(() => {
	console.error(`bench: stopped after the ${TIME_LIMIT_MS / 1000} s limit`);
	process.exit(1);
}, TIME_LIMIT_MS);
limit.unref();

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error);
		process.exit(1);
	}
);
