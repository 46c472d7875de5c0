import { z } from 'zod';
import type { Ack } from './errors';

/** Client → server events, each with the schema its payload must pass. */
export const ClientEvents = {
	ping: z.object({ sentAt: z.number().optional() }).strict(),
	'council:subscribe': z.object({ councilId: z.uuid() }).strict()
} as const;

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
}

/** Server → client events. */
export interface ServerToClient {
	'council:access-revoked': (payload: { councilId: string }) => void;
}

/** Socket connection refusals carry one of these in `err.data.code`. */
export const SOCKET_PATH = '/socket.io';
