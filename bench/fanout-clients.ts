import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import {
	BASELINE_EVENT,
	connect,
	type Client,
	type EventsPayload,
	type FromClients,
	type ToClients
} from './common';

/**
 * The clients of the fan-out bench, in their own process (forked by bench/fanout.ts): the moderator
 * and every participant, each a real socket.io client on its own websocket connection.
 *
 * All clients live in this one process so that send and receive times come from one clock
 * (`performance.now()`): the moderator's send and each participant's receipt are compared directly.
 * Driven over IPC by the server process; answers with the raw latencies.
 */

const CONNECT_TIMEOUT_MS = 30_000;
const JOIN_TIMEOUT_MS = 60_000;
const ACK_TIMEOUT_MS = 15_000;
/** Every participant must have the broadcast this long after it was caused, or the round fails. */
const ROUND_TIMEOUT_MS = 15_000;
/** Connections and joins are staggered in batches of this many. */
const BATCH = 100;

let moderator: Client | null = null;
const participants: Client[] = [];

interface Round {
	meetingId: string;
	/** The seq the first fact of the awaited broadcast must carry. */
	seq: number;
	times: Float64Array;
	received: number;
	problem: string | null;
	complete: () => void;
}

let round: Round | null = null;

function received(index: number, payload: EventsPayload) {
	const at = performance.now();
	const r = round;
	if (!r || payload.meetingId !== r.meetingId) return; // an earlier meeting's room: not measured
	if (payload.events[0]?.seq !== r.seq) {
		r.problem ??= `participant ${index} got seq ${payload.events[0]?.seq}, expected ${r.seq}`;
		return;
	}
	if (!Number.isNaN(r.times[index]!)) return;
	r.times[index] = at;
	if (++r.received === participants.length) r.complete();
}

function send(message: FromClients) {
	process.send?.(message);
}

async function inBatches<T>(items: readonly T[], run: (item: T, index: number) => Promise<void>) {
	for (let start = 0; start < items.length; start += BATCH) {
		await Promise.all(items.slice(start, start + BATCH).map((item, i) => run(item, start + i)));
	}
}

async function connectAll(url: string, cookies: string[], moderatorCookie: string): Promise<number> {
	moderator ??= await connect(url, moderatorCookie, CONNECT_TIMEOUT_MS);
	const added: Client[] = [];
	await inBatches(cookies, async (cookie) => {
		added.push(await connect(url, cookie, CONNECT_TIMEOUT_MS));
	});
	for (const socket of added) {
		const index = participants.push(socket) - 1;
		socket.on('meeting:events', (payload) => received(index, payload));
	}
	return participants.length;
}

async function joinAll(meetingId: string): Promise<number> {
	const join = async (socket: Client) => {
		const answer = await socket.timeout(JOIN_TIMEOUT_MS).emitWithAck('meeting:join', { meetingId });
		if (!answer.ok) throw new Error(`meeting:join refused: ${answer.error.code} ${answer.error.message}`);
		return answer.value.seq;
	};
	await inBatches(participants, async (socket) => void (await join(socket)));
	return join(moderator!);
}

/**
 * Starts a round awaiting the broadcast whose first fact has `seq`, runs `cause` (which sends one
 * message from the moderator) and resolves with each participant's latency after the send, in ms.
 */
async function measureRound(meetingId: string, seq: number, cause: () => Promise<void>): Promise<number[]> {
	let complete!: () => void;
	const all = new Promise<void>((resolve) => (complete = resolve));
	const r: Round = {
		meetingId,
		seq,
		times: new Float64Array(participants.length).fill(Number.NaN),
		received: 0,
		problem: null,
		complete
	};
	round = r;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() =>
				reject(new Error(`only ${r.received}/${participants.length} participants got seq ${seq} in time`)),
			ROUND_TIMEOUT_MS
		);
	});
	const sentAt = performance.now();
	try {
		await Promise.race([Promise.all([cause(), all]), timeout]);
	} finally {
		clearTimeout(timer);
		round = null;
	}
	if (r.problem) throw new Error(r.problem);
	return Array.from(r.times, (t) => t - sentAt);
}

async function measure(m: Extract<ToClients, { type: 'measure' }>, startSeq: number) {
	const mod = moderator!;
	const fanout: number[] = [];
	const baseline: number[] = [];
	let seq = startSeq;
	for (let i = 0; i < m.warmup + m.advances; i++) {
		const command =
			i === 0
				? { type: 'agenda:item-start' as const, itemId: m.firstItemId }
				: { type: 'agenda:next' as const };
		let events: EventsPayload['events'] = [];
		// The real thing: a command through the app (validation, authorisation, decision, append
		// in the database), then its facts broadcast to the meeting room after commit.
		const advance = await measureRound(m.meetingId, seq + 1, async () => {
			const answer = await mod
				.timeout(ACK_TIMEOUT_MS)
				.emitWithAck('meeting:command', { meetingId: m.meetingId, commandId: randomUUID(), command });
			if (!answer.ok)
				throw new Error(`${command.type} refused: ${answer.error.code} ${answer.error.message}`);
			events = answer.value.events;
		});
		if (events.length === 0) throw new Error(`${command.type} produced no events`);
		seq = events.at(-1)!.seq;
		// The baseline: the same payload, from the same moderator to the same clients, through a
		// bench-only event whose server handler only does `io.to(room).emit(...)`.
		const payload: EventsPayload = { meetingId: m.meetingId, events };
		const bare = await measureRound(m.meetingId, events[0]!.seq, async () => {
			await (mod as unknown as Socket).timeout(ACK_TIMEOUT_MS).emitWithAck(BASELINE_EVENT, payload);
		});
		if (i >= m.warmup) {
			fanout.push(...advance);
			baseline.push(...bare);
		}
	}
	return { fanout, baseline };
}

let seqAfterJoin = 0;

async function handle(message: ToClients) {
	switch (message.type) {
		case 'connect':
			return send({
				type: 'connected',
				participants: await connectAll(message.url, message.cookies, message.moderatorCookie)
			});
		case 'join':
			seqAfterJoin = await joinAll(message.meetingId);
			return send({ type: 'joined', seq: seqAfterJoin });
		case 'measure':
			return send({ type: 'measured', ...(await measure(message, seqAfterJoin)) });
		case 'close':
			for (const socket of [moderator, ...participants]) socket?.close();
			process.disconnect?.();
			return process.exit(0);
	}
}

process.on('message', (message: ToClients) => {
	handle(message).catch((error: unknown) => {
		send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
	});
});
// Never outlive the bench: when the server process goes, so do the clients.
process.on('disconnect', () => process.exit(0));
