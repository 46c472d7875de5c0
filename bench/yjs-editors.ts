import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connectEditor, synced, type Editor } from './yjs-client';
import type { YjsFromEditors, YjsToEditors } from './yjs-messages';

/**
 * Some of the Yjs bench's editors, in a process of their own (forked by bench/yjs.ts): 50 editors
 * applying each other's 250 edits a second keep one process's core busy on their own, and their
 * queueing, not the server's, would then be what the bench measures. Times are epoch
 * milliseconds (timeOrigin + now), which processes on one machine share.
 */

const CONNECT_TIMEOUT_MS = 60_000;
// Every provider listens for this process's exit (to withdraw its presence).
process.setMaxListeners(200);
let editors: Editor[] = [];
let firstIndex = 0;
const send = (m: YjsFromEditors) => process.send?.(m);
const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectAll(m: Extract<YjsToEditors, { type: 'connect' }>) {
	firstIndex = m.first;
	for (let i = 0; i < m.cookies.length; i += 25) {
		const batch = m.cookies.slice(i, i + 25).map((cookie) => connectEditor(m.url, m.room, cookie));
		editors.push(...batch);
		await Promise.all(batch.map((e) => synced(e, CONNECT_TIMEOUT_MS)));
	}
	send({ type: 'connected' });
}

async function type(m: Extract<YjsToEditors, { type: 'type' }>) {
	const arrived: [number, number, number, number][] = [];
	const sent: [number, number, number][] = [];
	for (const receiver of editors) {
		// afterTransaction already knows which clients' clocks moved: no second decoding of the update.
		receiver.doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin !== receiver.provider) return;
			const now = epochNow();
			for (const [client, clock] of tr.afterState) {
				const before = tr.beforeState.get(client) ?? 0;
				if (clock > before && client !== receiver.doc.clientID) arrived.push([client, before, clock, now]);
			}
		});
	}
	let updates = 0;
	const interval = 1000 / m.rate;
	await Promise.all(
		editors.map(async (editor, i) => {
			const index = firstIndex + i;
			// Staggered starts: the editors (in every process) do not all type in the same millisecond.
			await sleep((interval * index) / m.editorsInAll);
			const text = editor.doc.getText('pad');
			let due = epochNow();
			while (due < m.end) {
				const clock = Y.getState(editor.doc.store, editor.doc.clientID);
				const at = Math.floor(Math.random() * (text.length + 1));
				const now = epochNow();
				if (now >= m.measureFrom) {
					sent.push([editor.doc.clientID, clock, now]);
					updates++;
				}
				text.insert(at, String.fromCharCode(0x4e00 + ((index * 31 + updates) % 2000)));
				// A tick missed under load is skipped, not made up for in a burst.
				due = Math.max(due + interval, epochNow());
				await sleep(Math.max(0, due - epochNow()));
			}
		})
	);
	send({
		type: 'typed',
		sent,
		arrived,
		updates,
		clocks: editors.map((e) => [e.doc.clientID, Y.getState(e.doc.store, e.doc.clientID)])
	});
}

function report() {
	send({
		type: 'report',
		editors: editors.map((e) => ({
			state: [...Y.decodeStateVector(Y.encodeStateVector(e.doc))],
			text: e.doc.getText('pad').toString()
		}))
	});
}

process.on('message', (m: YjsToEditors) => {
	const work = async () => {
		switch (m.type) {
			case 'connect':
				return connectAll(m);
			case 'type':
				return type(m);
			case 'report':
				return report();
			case 'exit':
				for (const e of editors) e.provider.destroy();
				editors = [];
				process.exit(0);
		}
	};
	work().catch((error: unknown) => send({ type: 'failed', message: String(error) }));
});
