import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { option, percentile } from './common';
import type { YjsFromServer, YjsToServer } from './yjs-messages';

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
 * Processes: the server (either kind) runs in a child process, the editors all here, so that send
 * and receipt times come from one clock and each side gets a core of the 2-core machine.
 * Options: --editors 50  --rate 5  --seconds 15 (or YJS_BENCH_SECONDS; 15 keeps `npm run bench`
 * within a few minutes, 30 is the longer run)
 */

const editors = Math.max(2, Number.parseInt(option('editors', '50'), 10) || 50);
const rate = Math.max(1, Number.parseInt(option('rate', '5'), 10) || 5);
const seconds = Math.max(
	1,
	Number.parseFloat(option('seconds', process.env.YJS_BENCH_SECONDS ?? '15')) || 15
);
/** Typing before the measured part, not counted: JIT and first-use paths on both sides. */
const WARMUP_MS = 3_000;
const SETTLE_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 60_000;
const TIME_LIMIT_MS = 5 * 60_000;

interface Editor {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

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

function connect(url: string, room: string, cookie: string): Editor {
	const headers = cookie ? { cookie } : {};
	class CookieWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, room, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return { doc, provider };
}

function synced(editor: Editor, timeoutMs: number): Promise<void> {
	if (editor.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('an editor did not sync in time')), timeoutMs);
		editor.provider.once('sync', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the typing workload on connected editors; latencies of every edit at every other editor. */
async function type(all: Editor[]): Promise<Omit<Run, 'lost'> & { sentClocks: Map<number, number> }> {
	/** Per sender clientID: send time of the edit starting at each clock. */
	const sentAt = new Map<number, Map<number, number>>();
	const latencies: number[] = [];
	for (const e of all) sentAt.set(e.doc.clientID, new Map());

	for (const receiver of all) {
		/** Per sender: the first clock this receiver has not seen yet. */
		const seen = new Map<number, number>();
		// afterTransaction already knows which clients' clocks moved: no second decoding of the update.
		receiver.doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin !== receiver.provider) return;
			const now = performance.now();
			for (const [client, clock] of tr.afterState) {
				const times = sentAt.get(client);
				if (!times || client === receiver.doc.clientID) continue;
				for (let k = seen.get(client) ?? 0; k < clock; k++) {
					const t = times.get(k);
					if (t !== undefined) latencies.push(now - t);
				}
				seen.set(client, Math.max(seen.get(client) ?? 0, clock));
			}
		});
	}

	let updates = 0;
	const interval = 1000 / rate;
	const measureFrom = performance.now() + WARMUP_MS;
	const end = measureFrom + seconds * 1000;
	await Promise.all(
		all.map(async (editor, i) => {
			// Staggered starts: the editors do not all type in the same millisecond.
			await sleep((interval * i) / all.length);
			const text = editor.doc.getText('pad');
			const times = sentAt.get(editor.doc.clientID)!;
			let due = performance.now();
			while (due < end) {
				const clock = Y.getState(editor.doc.store, editor.doc.clientID);
				const at = Math.floor(Math.random() * (text.length + 1));
				const now = performance.now();
				if (now >= measureFrom) {
					times.set(clock, now);
					updates++;
				}
				text.insert(at, String.fromCharCode(0x4e00 + ((i * 31 + updates) % 2000)));
				// A tick missed under load is skipped, not made up for in a burst.
				due = Math.max(due + interval, performance.now());
				await sleep(Math.max(0, due - performance.now()));
			}
		})
	);
	const sentClocks = new Map(all.map((e) => [e.doc.clientID, Y.getState(e.doc.store, e.doc.clientID)]));
	return { latencies, updates, sentClocks };
}

/** Edits of `sentClocks` (one per clock, warm-up included) missing from a document's state. */
function missing(state: Map<number, number>, sentClocks: Map<number, number>): number {
	let lost = 0;
	for (const [client, clock] of sentClocks) lost += Math.max(0, clock - (state.get(client) ?? 0));
	return lost;
}

async function settle(all: Editor[], sentClocks: Map<number, number>): Promise<void> {
	const deadline = performance.now() + SETTLE_TIMEOUT_MS;
	while (performance.now() < deadline) {
		if (all.every((e) => missing(Y.decodeStateVector(Y.encodeStateVector(e.doc)), sentClocks) === 0)) return;
		await sleep(100);
	}
}

async function run(kind: 'yishi' | 'reference'): Promise<Run & { load?: { bytes: number; ms: number } }> {
	const server = startServer(kind);
	const ready = await server.next('ready');
	const all: Editor[] = [];
	try {
		for (let i = 0; i < editors; i += 25) {
			const batch = ready.cookies.slice(i, i + 25).map((cookie) => connect(ready.url, ready.room, cookie));
			all.push(...batch);
			await Promise.all(batch.map((e) => synced(e, CONNECT_TIMEOUT_MS)));
		}
		await sleep(500);
		const typed = await type(all);
		await settle(all, typed.sentClocks);
		let lost = 0;
		for (const e of all) {
			lost += missing(Y.decodeStateVector(Y.encodeStateVector(e.doc)), typed.sentClocks);
		}
		const first = all[0]!.doc.getText('pad').toString();
		if (all.some((e) => e.doc.getText('pad').toString() !== first)) lost += 1;

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
				const reader = connect(ready.url, ready.largeRoom, ready.cookies[0]!);
				await synced(reader, CONNECT_TIMEOUT_MS);
				load = { bytes: ready.largeBytes, ms: performance.now() - t0 };
				if (Buffer.byteLength(reader.doc.getText('pad').toString()) < 1024 * 1024) lost += 1;
				reader.provider.destroy();
			}
		}
		return { latencies: typed.latencies.sort((a, b) => a - b), updates: typed.updates, lost, load };
	} finally {
		for (const e of all) e.provider.destroy();
		server.tell({ type: 'close' });
		await new Promise((resolve) => server.child.once('exit', resolve));
	}
}

async function main() {
	// Every provider listens for this process's exit (to withdraw its presence).
	process.setMaxListeners(editors * 2 + 10);
	const limit = setTimeout(() => {
		console.error(`yjs bench: stopped after the ${TIME_LIMIT_MS / 1000} s limit`);
		process.exit(1);
	}, TIME_LIMIT_MS);
	limit.unref();
	const reference = await run('reference');
	const yishi = await run('yishi');
	const p = (sorted: number[], q: number) => percentile(sorted, q).toFixed(2);
	const p99 = percentile(yishi.latencies, 99);
	const refP99 = percentile(reference.latencies, 99);
	console.log(
		`yjs editors=${editors} updates=${yishi.updates} p50_ms=${p(yishi.latencies, 50)} p99_ms=${p99.toFixed(2)} ` +
			`reference_p99_ms=${refP99.toFixed(2)} ratio=${(p99 / refP99).toFixed(2)} lost=${yishi.lost + reference.lost}`
	);
	if (yishi.load) console.log(`yjs_load bytes=${yishi.load.bytes} load_ms=${yishi.load.ms.toFixed(0)}`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('yjs bench failed:', error);
		process.exit(1);
	}
);
