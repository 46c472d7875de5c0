import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type ClientToServer, type ServerToClient } from '../../src/lib/protocol/socket-events';

export type ClientSocket = Socket<ServerToClient, ClientToServer>;
/** A refused connection: socket.io puts the server's refusal code in `data`. */
export type ConnectRefusal = Error & { data?: { code?: string } };

type AckOf<E extends keyof ClientToServer> = Parameters<Parameters<ClientToServer[E]>[1]>[0];
type PayloadOf<E extends keyof ClientToServer> = Parameters<ClientToServer[E]>[0];

function open(url: string, cookie?: string): ClientSocket {
	return io(url, {
		path: SOCKET_PATH,
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: cookie ? { cookie } : {}
	});
}

/** A real socket.io client, connected as whoever the cookie names; rejects if the server refuses. */
export function connectSocket(url: string, cookie?: string, timeoutMs = 5_000): Promise<ClientSocket> {
	const socket = open(url, cookie);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.close();
			reject(new Error(`socket did not connect within ${timeoutMs} ms`));
		}, timeoutMs);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (error) => {
			clearTimeout(timer);
			socket.close();
			reject(error);
		});
	});
}

/** Connects expecting to be turned away; resolves with the refusal, rejects if let in. */
export async function connectionRefusal(url: string, cookie?: string): Promise<ConnectRefusal> {
	try {
		const socket = await connectSocket(url, cookie);
		socket.close();
	} catch (error) {
		return error as ConnectRefusal;
	}
	throw new Error('the server accepted a connection it should have refused');
}

/** Emits an event from the catalogue and waits for its acknowledgement. */
export function emitWithAck<E extends keyof ClientToServer>(
	socket: ClientSocket,
	event: E,
	payload: PayloadOf<E>,
	timeoutMs = 5_000
): Promise<AckOf<E>> {
	return emitRaw(socket, event, [payload], timeoutMs) as Promise<AckOf<E>>;
}

/** Emits anything at all, as a misbehaving client could, and waits for the acknowledgement. */
export function emitRaw(
	socket: ClientSocket,
	event: string,
	args: unknown[],
	timeoutMs = 5_000
): Promise<unknown> {
	const untyped = socket as unknown as Socket;
	return untyped.timeout(timeoutMs).emitWithAck(event, ...args);
}

/** Resolves with the payload of the next `event` the server sends this socket. */
export function nextEvent<E extends keyof ServerToClient>(
	socket: ClientSocket,
	event: E,
	timeoutMs = 5_000
): Promise<Parameters<ServerToClient[E]>[0]> {
	type Payload = Parameters<ServerToClient[E]>[0];
	const untyped = socket as unknown as Socket;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
		untyped.once(event as string, (payload: Payload) => {
			clearTimeout(timer);
			resolve(payload);
		});
	});
}
