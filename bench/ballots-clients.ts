import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { ACK_BASELINE_EVENT, connect, type Client, type EventsPayload } from './common';
import { unpackSnapshot } from '../src/lib/protocol/snapshot-packing';

/**
 * The voters of the ballots bench, in their own process (forked by bench/ballots.ts): every voter
 * and the moderator are real socket.io clients on their own connections, joined to the meeting.
 * On `cast`, every voter sends its ballot and, at once, the same command again (a retry after a
 * lost acknowledgement); on `close`, the moderator closes the vote and every client times the
 * arrival of the result.
 */

export type ToVoters =
	| {
			type: 'connect';
			url: string;
			meetingId: string;
			voterCookies: string[];
			moderatorCookie: string;
			/** How many voters join the meeting's room (and so receive every fact); the rest only vote. */
			watchers: number;
	  }
	| { type: 'cast'; motionId: string }
	| { type: 'baseline'; motionId: string }
	| { type: 'close'; motionId: string }
	/** Answered once every watching screen has heard that vote open (its broadcast is large). */
	| { type: 'opened'; motionId: string }
	| { type: 'exit' };

export type FromVoters =
	| { type: 'connected'; joinMs: number; snapshot: SnapshotSize }
	| { type: 'cast'; acks: number[]; refused: string[]; elapsedMs: number; acknowledged: number }
	| { type: 'baseline'; acks: number[] }
	| { type: 'closed'; resultMs: number[]; missing: number }
	| { type: 'opened' }
	| { type: 'failed'; message: string };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const receipt = () =>
	[...randomBytes(20)]
		.map((b) => CROCKFORD[b % 32])
		.join('')
		.match(/.{5}/g)!
		.join('-');

const ACK_TIMEOUT_MS = 60_000;
const BATCH = 100;

let voters: Client[] = [];
let moderator: Client | null = null;
let meetingId = '';
let watching = 0;
/** The last vote each watching screen (and the moderator's) heard open. */
let lastOpened: string[] = [];

const send = (m: FromVoters) => process.send?.(m);

export interface SnapshotSize {
	packedBytes: number;
	jsonBytes: number;
	unpackMs: number;
}

/** Connects every cookie, then joins the first `joining` (BATCH at a time); how long the joins took. */
async function connectAll(
	url: string,
	cookies: string[],
	joining = cookies.length
): Promise<{ clients: Client[]; joinMs: number; snapshot: SnapshotSize }> {
	const clients: Client[] = [];
	let packed = null as Uint8Array | null;
	for (let i = 0; i < cookies.length; i += BATCH) {
		clients.push(...(await Promise.all(cookies.slice(i, i + BATCH).map((c) => connect(url, c, 30_000)))));
	}
	const t0 = performance.now();
	for (let i = 0; i < joining; i += BATCH) {
		await Promise.all(
			clients.slice(i, Math.min(joining, i + BATCH)).map(async (s) => {
				const joined = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:join', { meetingId });
				if (!joined.ok) throw new Error(`join refused: ${joined.error.code}`);
				packed ??= joined.value.snapshot as Uint8Array | null;
			})
		);
	}
	const joinMs = performance.now() - t0;
	// What one screen does with it (2,000 screens' unpacking in this one process would be timed otherwise).
	const t1 = performance.now();
	const state = packed && unpackSnapshot(packed);
	const unpackMs = performance.now() - t1;
	const snapshot = {
		packedBytes: packed?.byteLength ?? 0,
		jsonBytes: state ? Buffer.byteLength(JSON.stringify(state)) : 0,
		unpackMs
	};
	return { clients, joinMs, snapshot };
}

const options = ['yes', 'no', 'abstain'] as const;
const ballotCommand = (motionId: string, i: number) => ({
	meetingId,
	commandId: randomUUID(),
	command: { type: 'ballot:cast' as const, motionId, choice: options[i % 3]!, receipt: receipt() }
});

/** The same burst of the same messages to the bench-only event that acknowledges at once. */
async function baselineAll(motionId: string) {
	const acks = await Promise.all(
		voters.map(async (voter, i) => {
			const s = voter as unknown as Socket; // an event outside the typed protocol
			const payload = ballotCommand(motionId, i);
			const started = performance.now();
			const first = s.timeout(ACK_TIMEOUT_MS).emitWithAck(ACK_BASELINE_EVENT, payload);
			const retry = s.timeout(ACK_TIMEOUT_MS).emitWithAck(ACK_BASELINE_EVENT, payload);
			await first;
			const took = performance.now() - started;
			await retry;
			return took;
		})
	);
	send({ type: 'baseline', acks });
}

async function castAll(motionId: string) {
	const refused: string[] = [];
	let acknowledged = 0;
	const t0 = performance.now();
	const acks = await Promise.all(
		voters.map(async (s, i) => {
			const payload = ballotCommand(motionId, i);
			const started = performance.now();
			const first = s.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:command', payload);
			const retry = s.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:command', payload);
			const answer = await first;
			const took = performance.now() - started;
			const again = await retry;
			if (!answer.ok) refused.push(answer.error.code);
			else acknowledged += 1;
			if (!again.ok) refused.push(`retry:${again.error.code}`);
			return took;
		})
	);
	send({ type: 'cast', acks, refused, elapsedMs: performance.now() - t0, acknowledged });
}

async function closeVote(motionId: string) {
	// Those who joined the room: the moderator and the watching voters.
	const everyone = [...voters.slice(0, watching), moderator!];
	const arrivals = new Float64Array(everyone.length).fill(Number.NaN);
	let t0 = 0;
	// Taken off again afterwards: the bench holds several votes on the same connections.
	const heard: ((p: EventsPayload) => void)[] = [];
	const done = new Promise<void>((resolve) => {
		let count = 0;
		everyone.forEach((s, i) => {
			heard[i] = (p: EventsPayload) => {
				if (p.meetingId !== meetingId || !Number.isNaN(arrivals[i]!)) return;
				if (!p.events.some((e) => e.type === 'vote:close')) return;
				arrivals[i] = performance.now() - t0;
				if (++count === everyone.length) resolve();
			};
			s.on('meeting:events', heard[i]);
		});
	});
	t0 = performance.now();
	const answer = await moderator!.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:command', {
		meetingId,
		commandId: randomUUID(),
		command: { type: 'vote:close', motionId }
	});
	if (!answer.ok) throw new Error(`close refused: ${answer.error.code}`);
	await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 30_000))]);
	everyone.forEach((s, i) => s.off('meeting:events', heard[i]));
	const times = [...arrivals].filter((x) => !Number.isNaN(x));
	send({ type: 'closed', resultMs: times, missing: everyone.length - times.length });
}

process.on('message', (m: ToVoters) => {
	const work = async () => {
		switch (m.type) {
			case 'connect': {
				meetingId = m.meetingId;
				moderator = (await connectAll(m.url, [m.moderatorCookie])).clients[0]!;
				watching = m.watchers;
				const joined = await connectAll(m.url, m.voterCookies, m.watchers);
				voters = joined.clients;
				const screens = [...voters.slice(0, watching), moderator];
				lastOpened = screens.map(() => '');
				screens.forEach((s, i) =>
					s.on('meeting:events', (p: EventsPayload) => {
						for (const e of p.events)
							if (e.type === 'vote:open') lastOpened[i] = (e.payload as { motionId: string }).motionId;
					})
				);
				send({ type: 'connected', joinMs: joined.joinMs, snapshot: joined.snapshot });
				return;
			}
			case 'cast':
				return castAll(m.motionId);
			case 'baseline':
				return baselineAll(m.motionId);
			case 'close':
				return closeVote(m.motionId);
			case 'opened': {
				const since = performance.now();
				while (lastOpened.some((id) => id !== m.motionId)) {
					if (performance.now() - since > ACK_TIMEOUT_MS)
						throw new Error('the vote never opened on every screen');
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
				return send({ type: 'opened' });
			}
			case 'exit':
				for (const s of [...voters, moderator]) s?.close();
				process.exit(0);
		}
	};
	work().catch((error: unknown) => send({ type: 'failed', message: String(error) }));
});
