import { io, type Socket } from 'socket.io-client';
import { updated } from '$app/state';
import { isoNow } from './clock';
import { catchUpLater } from './catch-up-later';
import { earlyFacts, foldInOrder, foldOwn } from './fact-order';
import { unpackFacts, type WireFact } from '$lib/protocol/fact-packing';
import { unpackSnapshot } from '$lib/protocol/snapshot-packing';
import type { MeetingActor } from '$lib/domain/meeting/decide';
import type { MeetingCommand } from '$lib/domain/meeting/meeting-command';
import type { RecordedFact } from '$lib/domain/meeting/meeting-events';
import type { MeetingState } from '$lib/domain/meeting/meeting-state';
import type { Ack, ErrorBody } from '$lib/protocol/errors';
import type { ClientToServer, ServerToClient } from '$lib/protocol/socket-events';

type Link = 'connecting' | 'live' | 'offline' | 'refused';

const ACK_TIMEOUT_MS = 8_000;
const RETRIES = 3;
/** How long this screen's own facts may wait for the broadcast before it asks for what it missed. */
const EARLY_WAIT_MS = 5_000;

/**
 * One meeting, followed live. The server decides; this only folds the facts it sends with the
 * same `evolve` the server uses, asks for what it missed after a reconnect, and retries commands
 * under the same id so that a lost acknowledgement never makes anything happen twice.
 */
export class MeetingConnection {
	state = $state<MeetingState | null>(null);
	actor = $state<MeetingActor | null>(null);
	link = $state<Link>('connecting');
	refusal = $state<string | null>(null);
	private socket: Socket<ServerToClient, ClientToServer>;
	private readonly early = earlyFacts();
	private earlyTimer: ReturnType<typeof setTimeout> | null = null;
	/** Facts announced elsewhere while this server's link to the others was down (`meeting:head`). */
	private readonly missed = catchUpLater(() => {
		if (this.state && this.state.seq < this.headSeq) void this.join();
	});
	private headSeq = 0;

	constructor(private readonly meetingId: string) {
		this.socket = io({ path: '/socket.io', transports: ['websocket'] });
		this.socket.on('connect', () => void this.join());
		// A server restart is how an upgrade arrives: ask whether this page is now out of date.
		this.socket.io.on('reconnect', () => void updated.check().catch(() => false));
		this.socket.on('disconnect', () => (this.link = 'offline'));
		this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
			this.link = error.data?.code === 'unauthenticated' ? 'refused' : 'offline';
			this.refusal = error.data?.code ?? null;
		});
		this.socket.on('meeting:events', ({ meetingId, events }) => {
			if (meetingId === this.meetingId) this.apply(events);
		});
		this.socket.on('meeting:head', ({ meetingId, seq }) => {
			if (meetingId !== this.meetingId || !this.state || seq <= this.state.seq) return;
			this.headSeq = Math.max(this.headSeq, seq);
			this.missed.ask();
		});
		this.socket.on('council:access-revoked', () => {
			this.link = 'refused';
			this.refusal = 'access-revoked';
		});
	}

	private async join() {
		const answer = await this.socket
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck('meeting:join', { meetingId: this.meetingId, since: this.state?.seq })
			.catch(() => null);
		if (!answer) return void this.socket.disconnect().connect();
		if (!answer.ok) {
			this.link = 'refused';
			this.refusal = answer.error.code;
			return;
		}
		this.actor = answer.value.actor;
		if (answer.value.snapshot) {
			try {
				this.state = unpackSnapshot(answer.value.snapshot);
			} catch {
				// A snapshot this page cannot read most likely comes from a newer server: say so, and
				// let the update notice offer the reload, rather than show a room that is not there.
				this.link = 'refused';
				this.refusal = 'unreadable';
				void updated.check().catch(() => false);
				return;
			}
		}
		this.apply(answer.value.events);
		this.link = 'live';
	}

	private apply(wire: readonly WireFact[]) {
		if (!this.state) return;
		const events = unpackFacts(wire, this.state.roster);
		if (!events) return void this.join(); // packed against a roster this state does not have yet
		const folded = foldInOrder(this.state, events, this.early);
		this.state = folded.state;
		if (folded.gap) void this.join(); // ask for exactly what is missing rather than guess
	}

	/** The facts of this screen's own command (see fact-order.ts). */
	private applyOwn(facts: readonly RecordedFact[]) {
		if (!this.state) return;
		const folded = foldOwn(this.state, facts, this.early);
		this.state = folded.state;
		if (!folded.waiting || this.earlyTimer) return;
		// The broadcast normally follows within a second; if it was lost, ask.
		this.earlyTimer = setTimeout(() => {
			this.earlyTimer = null;
			if (this.early.size > 0) void this.join();
		}, EARLY_WAIT_MS);
	}

	/** Sends a command; resolves with null on success or the server's reason for refusing. */
	async send(command: MeetingCommand): Promise<ErrorBody | null> {
		const commandId = crypto.randomUUID();
		for (let attempt = 0; attempt < RETRIES; attempt++) {
			const answer: Ack<{ events: RecordedFact[] }> | null = await this.socket
				.timeout(ACK_TIMEOUT_MS)
				.emitWithAck('meeting:command', { meetingId: this.meetingId, commandId, command })
				.catch(() => null);
			if (answer?.ok) {
				this.applyOwn(answer.value.events);
				return null;
			}
			if (answer && answer.error.code !== 'unavailable') return answer.error;
		}
		return { code: 'unavailable', message: 'No answer from the server.' };
	}

	close() {
		if (this.earlyTimer) clearTimeout(this.earlyTimer);
		this.missed.cancel();
		this.socket.disconnect();
	}
}

/** A clock for elapsed times, ticking once a second while something is shown. */
export class Ticker {
	now = $state(isoNow());
	private timer = setInterval(() => (this.now = isoNow()), 1000);
	stop() {
		clearInterval(this.timer);
	}
}

/**
 * Follows the meeting whose id `meetingId()` returns, for as long as the calling component lives:
 * moving to another meeting closes this connection and opens the next.
 */
export function followMeeting(meetingId: () => string) {
	let conn = $state<MeetingConnection | null>(null);
	let ticker = $state<Ticker | null>(null);
	$effect(() => {
		const c = new MeetingConnection(meetingId());
		const t = new Ticker();
		conn = c;
		ticker = t;
		return () => {
			c.close();
			t.stop();
		};
	});
	return {
		get conn() {
			return conn;
		},
		get ticker() {
			return ticker;
		}
	};
}
