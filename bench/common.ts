import type { ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import type { WireFact } from '../src/lib/protocol/fact-packing';
import { SOCKET_PATH, type ClientToServer, type ServerToClient } from '../src/lib/protocol/socket-events';

/** Helpers shared by the benches (ping in run.ts, fan-out in fanout.ts and fanout-clients.ts). */

export type Client = Socket<ServerToClient, ClientToServer>;

/** `--name value` from the command line, else the fallback. */
export function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** A comma-separated list of positive integers, e.g. `--participants 100,500`. */
export function counts(name: string, fallback: string): number[] {
	return option(name, fallback)
		.split(',')
		.map((n) => Number.parseInt(n, 10))
		.filter((n) => n > 0);
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (!sorted.length) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One real socket.io client on its own connection (websocket only, no reconnection). */
export function connect(url: string, cookie: string, timeoutMs: number): Promise<Client> {
	const socket: Client = io(url, {
		path: SOCKET_PATH,
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false,
		forceNew: true,
		timeout: timeoutMs
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			reject(error);
		});
	});
}

/**
 * The bench-only event the fan-out bench registers on the server for its baseline: the server
 * answers with a bare `io.to(meeting:<id>).emit('meeting:events', payload)` and nothing else.
 */
export const BASELINE_EVENT = 'bench:broadcast';

/**
 * The bench-only event the ballots bench registers for its baseline: the server acknowledges at
 * once with a fact of a ballot's size, as the transport alone would (no session check, no
 * deciding, no storing).
 */
export const ACK_BASELINE_EVENT = 'bench:ack';

export interface EventsPayload {
	meetingId: string;
	events: WireFact[];
}

/** Messages between the fan-out bench (server process) and its clients process. */
export type ToClients =
	| { type: 'connect'; url: string; cookies: string[]; moderatorCookie: string }
	| { type: 'join'; meetingId: string }
	| { type: 'measure'; meetingId: string; firstItemId: string; warmup: number; advances: number }
	| { type: 'close' };

export type FromClients =
	| { type: 'connected'; participants: number }
	| { type: 'joined'; seq: number }
	/** Latencies in ms, one per participant per measured advance (or baseline broadcast). */
	| { type: 'measured'; fanout: number[]; baseline: number[] }
	| { type: 'failed'; message: string };

/**
 * Sends `message` to a bench's child process and waits for its answer of type `answer`; a `failed`
 * message, the child's exit or `timeoutMs` reject.
 */
export function requestChild<
	From extends { type: string } | { type: 'failed'; message: string },
	T extends From['type']
>(child: ChildProcess, message: unknown, answer: T, timeoutMs: number): Promise<Extract<From, { type: T }>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => done(new Error(`child: no ${answer} within ${timeoutMs} ms`)), timeoutMs);
		const onMessage = (m: From) => {
			if (m.type === answer) done(null, m as Extract<From, { type: T }>);
			else if (m.type === 'failed') done(new Error(`child: ${(m as { message: string }).message}`));
		};
		const onExit = (code: number | null) => done(new Error(`child process exited (${code})`));
		function done(error: Error | null, value?: Extract<From, { type: T }>) {
			clearTimeout(timer);
			child.off('message', onMessage).off('exit', onExit);
			if (error) reject(error);
			else resolve(value!);
		}
		child.on('message', onMessage).on('exit', onExit);
		child.send(message as never);
	});
}
