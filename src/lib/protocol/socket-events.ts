import type { WireFact } from './fact-packing';
import { unpackSnapshot, type PackedSnapshot } from './snapshot-packing';
import { z } from 'zod';
import type { Ack } from './errors';
import { MeetingCommandEnvelope, MeetingJoinInput } from './meeting.schema';
import type { RecordedFact } from '../domain/meeting/meeting-events';
import type { MeetingState } from '../domain/meeting/meeting-state';
import type { MeetingActor } from '../domain/meeting/decide';

/** Client → server events, each with the schema its payload must pass. */
export const ClientEvents = {
	ping: z.object({ sentAt: z.number().optional() }).strict(),
	'council:subscribe': z.object({ councilId: z.uuid() }).strict(),
	'meeting:join': MeetingJoinInput,
	'meeting:command': MeetingCommandEnvelope
} as const;

export interface MeetingJoinAnswer {
	actor: MeetingActor;
	seq: number;
	snapshot: MeetingState | null;
	events: RecordedFact[];
}

/** The join answer as it crosses: the snapshot packed (unpackSnapshot restores it). */
export type MeetingJoinWire = Omit<MeetingJoinAnswer, 'snapshot'> & {
	snapshot: PackedSnapshot | ArrayBuffer | null;
};

/** The join answer as the client uses it. */
export const unpackJoinAnswer = (wire: MeetingJoinWire): MeetingJoinAnswer => ({
	...wire,
	snapshot: wire.snapshot && unpackSnapshot(wire.snapshot)
});

export interface PingAnswer {
	userId: string;
	serverTime: string;
}

export interface ClientToServer {
	ping(payload: z.infer<(typeof ClientEvents)['ping']>, ack: (a: Ack<PingAnswer>) => void): void;
	'council:subscribe'(
		payload: z.infer<(typeof ClientEvents)['council:subscribe']>,
		ack: (a: Ack<{ role: string }>) => void
	): void;
	'meeting:join'(
		payload: z.infer<(typeof ClientEvents)['meeting:join']>,
		ack: (a: Ack<MeetingJoinWire>) => void
	): void;
	'meeting:command'(
		payload: z.input<(typeof ClientEvents)['meeting:command']>,
		ack: (a: Ack<{ events: RecordedFact[] }>) => void
	): void;
}

/** Server → client events. */
export interface ServerToClient {
	'council:access-revoked': (payload: { councilId: string }) => void;
	/**
	 * New facts of a meeting, in order, turnout packed (unpackFacts restores them); a client that
	 * sees a gap re-joins with `since`.
	 */
	'meeting:events': (payload: { meetingId: string; events: WireFact[] }) => void;
	/**
	 * The meeting's last recorded seq, sent when this instance may have missed facts announced by
	 * another (its link between instances was lost for a while); a client behind it re-joins with
	 * `since`.
	 */
	'meeting:head': (payload: { meetingId: string; seq: number }) => void;
}

/** Socket connection refusals carry one of these in `err.data.code`. */
export const SOCKET_PATH = '/socket.io';
