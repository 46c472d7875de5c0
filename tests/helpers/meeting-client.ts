import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/lib/domain/council/role';
import { foldMeeting } from '../../src/lib/domain/meeting/evolve';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { AgendaItemKind, RecordedFact } from '../../src/lib/domain/meeting/meeting-events';
import type { MeetingState } from '../../src/lib/domain/meeting/meeting-state';
import type { RosterEntry } from '../../src/lib/domain/meeting/roster';
import type { Ack } from '../../src/lib/protocol/errors';
import { unpackFacts, type WireFact } from '../../src/lib/protocol/fact-packing';
import { unpackJoinAnswer, type MeetingJoinAnswer } from '../../src/lib/protocol/socket-events';
import type { AppContext } from '../../src/lib/server/context';
import { createMeeting, seedCouncil, type Seedable, type SeededMember } from './seed';
import { connectSocket, emitWithAck, type ClientSocket } from './socket-client';
import { signIn } from './test-server';

export const newCommandId = () => randomUUID();

/** An `agenda:item-add` command with plausible fields. */
export function agendaItem(
	title: string,
	o: { kind?: AgendaItemKind; minutes?: number } = {}
): MeetingCommand {
	return {
		type: 'agenda:item-add',
		itemId: randomUUID(),
		fields: {
			title,
			description: '',
			presenter: null,
			plannedMinutes: o.minutes ?? 10,
			kind: o.kind ?? 'discussion',
			documentId: null
		}
	};
}

export interface SeededMeeting {
	councilId: string;
	meetingId: string;
	moderator: SeededMember;
	/** One person per role asked for, in the same order. */
	members: SeededMember[];
}

/** A new council (its founder moderates) with one person per role, and one scheduled meeting with an empty record. */
export async function seedMeeting(t: Seedable, roles: readonly Role[]): Promise<SeededMeeting> {
	const { council, moderator, members } = await seedCouncil(t, roles);
	const meeting = await createMeeting(t, council.id);
	return { councilId: council.id, meetingId: meeting.id, moderator, members };
}

/**
 * One person's socket on one meeting, as a browser tab would hold it: it keeps every
 * `meeting:events` fact the server sends for that meeting, in arrival order.
 */
export class MeetingClient {
	readonly received: RecordedFact[] = [];
	/** The same as they crossed the wire, turnout packed. */
	readonly wire: WireFact[] = [];
	/** The meeting's roster as this client knows it, to unpack turnout (see fact-packing.ts). */
	private roster: readonly RosterEntry[] = [];
	private waiters: { seq: number; resolve: () => void }[] = [];

	private constructor(
		readonly socket: ClientSocket,
		readonly meetingId: string
	) {
		socket.on('meeting:events', ({ meetingId, events }) => {
			if (meetingId !== this.meetingId) return;
			this.wire.push(...events);
			const facts = unpackFacts(events, this.roster);
			// Only before this client's join answer arrives (its snapshot holds these facts anyway).
			if (!facts) return;
			this.received.push(...facts);
			this.learnRoster(facts);
			const top = this.highestSeq();
			this.waiters = this.waiters.filter((w) => (w.seq <= top ? (w.resolve(), false) : true));
		});
	}

	/** Connects as `cookie` (see signIn); does not join yet. */
	static async connect(url: string, cookie: string, meetingId: string): Promise<MeetingClient> {
		return new MeetingClient(await connectSocket(url, cookie), meetingId);
	}

	/** Signs `userId` in on `ctx`'s database and connects to `url`. */
	static async as(o: {
		url: string;
		ctx: AppContext;
		userId: string;
		meetingId: string;
	}): Promise<MeetingClient> {
		return MeetingClient.connect(o.url, await signIn(o.ctx, o.userId), o.meetingId);
	}

	async join(since?: number): Promise<Ack<MeetingJoinAnswer>> {
		const payload =
			since === undefined ? { meetingId: this.meetingId } : { meetingId: this.meetingId, since };
		const wire = await emitWithAck(this.socket, 'meeting:join', payload);
		const answer: Ack<MeetingJoinAnswer> = wire.ok ? { ok: true, value: unpackJoinAnswer(wire.value) } : wire;
		if (answer.ok && answer.value.snapshot) this.roster = answer.value.snapshot.roster;
		if (answer.ok) this.learnRoster(answer.value.events);
		return answer;
	}

	/** The roster a meeting's opening froze, if these facts hold the opening. */
	private learnRoster(facts: readonly RecordedFact[]) {
		const opening = facts.find((f) => f.type === 'meeting:open');
		if (opening?.type === 'meeting:open') this.roster = opening.payload.roster;
	}

	/** Joins and insists on success; the snapshot is required unless `since` is given. */
	async joined(since?: number): Promise<MeetingJoinAnswer> {
		const answer = await this.join(since);
		if (!answer.ok) throw new Error(`join refused: ${answer.error.code} ${answer.error.message}`);
		return answer.value;
	}

	/** The full state as a fresh join reports it (a separate join without `since`). */
	async state(): Promise<MeetingState> {
		const { snapshot } = await this.joined();
		if (!snapshot) throw new Error('a join without since must carry a snapshot');
		return snapshot;
	}

	command(command: MeetingCommand, commandId = newCommandId()): Promise<Ack<{ events: RecordedFact[] }>> {
		return emitWithAck(this.socket, 'meeting:command', { meetingId: this.meetingId, commandId, command });
	}

	/** Sends a command that must succeed; resolves with the facts it produced. */
	async run(command: MeetingCommand, commandId = newCommandId()): Promise<RecordedFact[]> {
		const answer = await this.command(command, commandId);
		if (!answer.ok) throw new Error(`${command.type} refused: ${answer.error.code} ${answer.error.message}`);
		return answer.value.events;
	}

	/**
	 * What arrived about facts after `seq` (e.g. the seq of a join). With a cluster adapter the room
	 * is resolved only after the broadcast went through Postgres, so a socket that joined just after
	 * a command may also hear that command's facts, which its join answer already held; a client
	 * skips facts at or below its seq, and so do these assertions.
	 */
	receivedAfter(seq: number): RecordedFact[] {
		return this.received.filter((f) => f.seq > seq);
	}

	highestSeq(): number {
		return this.received.reduce((top, f) => Math.max(top, f.seq), 0);
	}

	/** Resolves once a fact with seq ≥ `seq` has arrived by `meeting:events`. */
	waitForSeq(seq: number, timeoutMs = 5_000): Promise<void> {
		if (this.highestSeq() >= seq) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(new Error(`seq ${seq} did not arrive within ${timeoutMs} ms (have ${this.highestSeq()})`)),
				timeoutMs
			);
			this.waiters.push({
				seq,
				resolve: () => {
					clearTimeout(timer);
					resolve();
				}
			});
		});
	}

	close() {
		this.socket.close();
	}
}

/** The seq numbers of a list of facts, to compare orders and gaps at a glance. */
export const seqs = (facts: readonly { seq: number }[]) => facts.map((f) => f.seq);

/** `from`, `from + 1`, … `to`. */
export const range = (from: number, to: number) =>
	Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** What a browser holds after folding `facts` onto `snapshot`, as plain JSON (as it would cross the wire). */
export const folded = (snapshot: MeetingState, facts: readonly RecordedFact[]): MeetingState =>
	JSON.parse(JSON.stringify(foldMeeting(facts, snapshot))) as MeetingState;
