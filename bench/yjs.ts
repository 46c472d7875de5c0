import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { option, percentile, requestChild } from './common';
import { connectEditor, synced } from './yjs-client';
import type { YjsFromEditors, YjsFromServer, YjsToEditors, YjsToServer } from './yjs-messages';

/**
 * Shared-document bench: `editors` real y-websocket providers type into one document, each
 * `rate` single-character edits per second at a random place for `seconds`, and it prints
 *
 *   yjs editors=50 updates=… p50_ms=… p99_ms=… reference_p99_ms=… ratio=… lost=0
 *   yjs_load bytes=… load_ms=…
 *
 * Latency is from an edit (the provider sends it at once) to its arrival in every other editor's
 * document; the first 3 s of typing warm up and are not counted. `reference` is the same workload against the plain @y/websocket-server (no
 * authentication, no persistence), run in the same bench; ratio = p99 / reference p99. `lost`
 * counts edits missing from any editor's final document or, for Yishi, from the stored one.
 * `yjs_load` is the time from connecting to a synced 1 MB document that has to be read from the
 * database first.
 *
 * Processes: the server (either kind) runs in a child process and the editors in `processes`
 * others (bench/yjs-editors.ts), as real editors are on machines of their own: 50 editors applying
 * each other's edits keep one process busy by themselves. Send and arrival times are epoch
 * milliseconds, which processes on one machine share.
 * The two servers take turns, `rounds` times each (reference, Yishi, reference, …), and each's
 * latencies are pooled over its rounds: the machine's load drifts over a minute (other processes,
 * the disk), and taking turns gives both the same conditions, where one run of each after the
 * other did not (the reference alone moved between 20 and 80 ms from run to run).
 * Options: --editors 50  --rate 5  --seconds 10 per round (or YJS_BENCH_SECONDS)  --rounds 3
 * --processes 2 (editor processes)
 */

const editors = Math.max(2, Number.parseInt(option('editors', '50'), 10) || 50);
const rate = Math.max(1, Number.parseInt(option('rate', '5'), 10) || 5);
const seconds = Math.max(
	1,
	Number.parseFloat(option('seconds', process.env.YJS_BENCH_SECONDS ?? '10')) || 10
);
const rounds = Math.max(1, Number.parseInt(option('rounds', '3'), 10) || 3);
/** Typing before the measured part, not counted: JIT and first-use paths on both sides. */
const WARMUP_MS = 3_000;
const processes = Math.max(1, Math.min(editors, Number.parseInt(option('processes', '2'), 10) || 2));
const SETTLE_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 60_000;
/** For one round's step, and (times the rounds) for the whole bench. */
const TIME_LIMIT_MS = 5 * 60_000;

interface Run {
	latencies: number[];
	updates: number;
	lost: number;
}

function startServer(kind: 'yishi' | 'reference') {
	const child = fork(fileURLToPath(new URL('./yjs-server.ts', import.meta.url)), [kind, String(editors)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		serialization: 'advanced'
	});
	const next = <T extends YjsFromServer['type']>(type: T) =>
		new Promise<Extract<YjsFromServer, { type: T }>>((resolve, reject) => {
			const onMessage = (m: YjsFromServer) => {
				if (m.type !== type) return;
				child.off('message', onMessage);
				resolve(m as Extract<YjsFromServer, { type: T }>);
			};
			child.on('message', onMessage);
			child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
		});
	const tell = (m: YjsToServer) => child.send(m);
	return { child, next, tell };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const epochNow = () => performance.timeOrigin + performance.now();

/** The editors' processes, each with its share of the cookies, connected and synced. */
async function startEditors(url: string, room: string, cookies: string[]) {
	const per = Math.ceil(cookies.length / processes);
	const children: ChildProcess[] = [];
	for (let first = 0; first < cookies.length; first += per) {
		const child = fork(fileURLToPath(new URL('./yjs-editors.ts', import.meta.url)), [], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			serialization: 'advanced'
		});
		children.push(child);
		const message: YjsToEditors = {
			type: 'connect',
			url,
			room,
			cookies: cookies.slice(first, first + per),
			first
		};
		await ask(child, message, 'connected');
	}
	return children;
}

function ask<T extends YjsFromEditors['type']>(child: ChildProcess, message: YjsToEditors, answer: T) {
	return requestChild<YjsFromEditors, T>(child, message, answer, TIME_LIMIT_MS);
}

/** Runs the typing workload in every editor process; latencies of every edit at every other editor. */
async function type(
	children: ChildProcess[]
): Promise<Omit<Run, 'lost'> & { sentClocks: Map<number, number> }> {
	const measureFrom = epochNow() + 500 + WARMUP_MS;
	const message: YjsToEditors = {
		type: 'type',
		rate,
		editorsInAll: editors,
		measureFrom,
		end: measureFrom + seconds * 1000
	};
	const typed = await Promise.all(children.map((c) => ask(c, message, 'typed')));
	const sentAt = new Map<string, number>();
	for (const t of typed) for (const [client, clock, at] of t.sent) sentAt.set(`${client}:${clock}`, at);
	const latencies: number[] = [];
	for (const t of typed) {
		for (const [client, from, to, at] of t.arrived) {
			for (let k = from; k < to; k++) {
				const sent = sentAt.get(`${client}:${k}`);
				if (sent !== undefined) latencies.push(at - sent);
			}
		}
	}
	return {
		latencies,
		updates: typed.reduce((n, t) => n + t.updates, 0),
		sentClocks: new Map(typed.flatMap((t) => t.clocks))
	};
}

/** Edits of `sentClocks` (one per clock, warm-up included) missing from a document's state. */
function missing(state: Map<number, number>, sentClocks: Map<number, number>): number {
	let lost = 0;
	for (const [client, clock] of sentClocks) lost += Math.max(0, clock - (state.get(client) ?? 0));
	return lost;
}

/** Every editor's state and text once all have every edit (or the time is up). */
async function settle(children: ChildProcess[], sentClocks: Map<number, number>) {
	const deadline = performance.now() + SETTLE_TIMEOUT_MS;
	for (;;) {
		const reports = await Promise.all(children.map((c) => ask(c, { type: 'report' }, 'report')));
		const all = reports.flatMap((r) => r.editors);
		const done = all.every((e) => missing(new Map(e.state), sentClocks) === 0);
		if (done || performance.now() > deadline) return all;
		await sleep(100);
	}
}

async function run(kind: 'yishi' | 'reference'): Promise<Run & { load?: { bytes: number; ms: number } }> {
	const server = startServer(kind);
	const ready = await server.next('ready');
	let children: ChildProcess[] = [];
	try {
		children = await startEditors(ready.url, ready.room, ready.cookies);
		await sleep(500);
		const typed = await type(children);
		const finals = await settle(children, typed.sentClocks);
		let lost = 0;
		for (const e of finals) lost += missing(new Map(e.state), typed.sentClocks);
		if (finals.some((e) => e.text !== finals[0]!.text)) lost += 1;

		let load: { bytes: number; ms: number } | undefined;
		if (kind === 'yishi') {
			// The stored document: wait for the appends to land, then count what is not in it.
			let storedLost = Number.POSITIVE_INFINITY;
			for (let attempt = 0; attempt < 50 && storedLost > 0; attempt++) {
				server.tell({ type: 'stored', room: ready.room });
				const { state } = await server.next('stored');
				const stored = new Y.Doc();
				if (state) Y.applyUpdate(stored, state);
				storedLost = missing(Y.decodeStateVector(Y.encodeStateVector(stored)), typed.sentClocks);
				if (storedLost > 0) await sleep(100);
			}
			lost += storedLost;

			if (ready.largeRoom) {
				const t0 = performance.now();
				const reader = connectEditor(ready.url, ready.largeRoom, ready.cookies[0]!);
				await synced(reader, CONNECT_TIMEOUT_MS);
				load = { bytes: ready.largeBytes, ms: performance.now() - t0 };
				if (Buffer.byteLength(reader.doc.getText('pad').toString()) < 1024 * 1024) lost += 1;
				reader.provider.destroy();
			}
		}
		return { latencies: typed.latencies.sort((a, b) => a - b), updates: typed.updates, lost, load };
	} finally {
		await Promise.all(
			children.map((c) => {
				const exited = new Promise((resolve) => c.once('exit', resolve));
				c.send({ type: 'exit' } satisfies YjsToEditors);
				return exited;
			})
		);
		server.tell({ type: 'close' });
		await new Promise((resolve) => server.child.once('exit', resolve));
	}
}

async function main() {
	const limit = setTimeout(() => {
		console.error(`yjs bench: stopped after the ${TIME_LIMIT_MS / 1000} s limit`);
		process.exit(1);
	}, TIME_LIMIT_MS * rounds);
	limit.unref();
	const pooled = { reference: [] as Run[], yishi: [] as Run[] };
	let load: { bytes: number; ms: number } | undefined;
	for (let round = 0; round < rounds; round++) {
		pooled.reference.push(await run('reference'));
		const yishi = await run('yishi');
		pooled.yishi.push(yishi);
		load ??= yishi.load;
	}
	const latencies = (runs: Run[]) => runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const [ours, theirs] = [latencies(pooled.yishi), latencies(pooled.reference)];
	const updates = pooled.yishi.reduce((n, r) => n + r.updates, 0);
	const lost = [...pooled.yishi, ...pooled.reference].reduce((n, r) => n + r.lost, 0);
	const p99 = percentile(ours, 99);
	const refP99 = percentile(theirs, 99);
	console.log(
		`yjs editors=${editors} updates=${updates} p50_ms=${percentile(ours, 50).toFixed(2)} p99_ms=${p99.toFixed(2)} ` +
			`reference_p99_ms=${refP99.toFixed(2)} ratio=${(p99 / refP99).toFixed(2)} lost=${lost}`
	);
	if (load) console.log(`yjs_load bytes=${load.bytes} load_ms=${load.ms.toFixed(0)}`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('yjs bench failed:', error);
		process.exit(1);
	}
);
