import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromContext, seedCouncil, createUser, testClock, type Seedable } from '../helpers/seed';
import {
	connectionRefusal,
	connectSocket,
	emitRaw,
	emitWithAck,
	nextEvent,
	type ClientSocket
} from '../helpers/socket-client';
import { sessionCookieHeader, signIn, startTestServer, type TestServer } from '../helpers/test-server';

const clock = testClock(new Date('2026-11-23T02:00:00.000Z'));
let server: TestServer;
let t: Seedable;
let sockets: ClientSocket[] = [];

beforeAll(async () => {
	server = await startTestServer({ now: clock.now });
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const s of sockets) s.close();
	sockets = [];
});
afterAll(() => server?.close());

/** A connected socket for a user, closed after the test. */
async function socketFor(userId: string): Promise<ClientSocket> {
	const socket = await connectSocket(server.url, await signIn(server.ctx, userId));
	sockets.push(socket);
	return socket;
}

describe('socket connection', () => {
	it('[socket:auth] a connection without a session is refused as unauthenticated', async () => {
		const refusal = await connectionRefusal(server.url);
		expect(refusal.data?.code).toBe('unauthenticated');
	});

	it('[socket:auth] an unknown or ended session is refused as unauthenticated', async () => {
		const forged = await connectionRefusal(server.url, sessionCookieHeader(server.ctx, 'made-up-token'));
		expect(forged.data?.code).toBe('unauthenticated');

		const user = await createUser(t);
		const { sessionToken } = await server.ctx.services.sessions.start(user.id);
		await server.ctx.services.sessions.end(sessionToken);
		const ended = await connectionRefusal(server.url, sessionCookieHeader(server.ctx, sessionToken));
		expect(ended.data?.code).toBe('unauthenticated');
	});

	it('[socket:ping] a signed-in client is answered with who it is and the server time', async () => {
		const user = await createUser(t);
		const socket = await socketFor(user.id);
		const answer = await emitWithAck(socket, 'ping', { sentAt: Date.now() });
		expect(answer).toEqual({ ok: true, value: { userId: user.id, serverTime: clock.now().toISOString() } });
	});

	it.each([
		['a field of the wrong type', [{ sentAt: 'x' }]],
		['a string instead of an object', ['ping']],
		['a number instead of an object', [42]],
		['an unknown field', [{ sentAt: 1, admin: true }]]
	])(
		'[socket:invalid-input] %s is answered with invalid-input, and the server keeps serving',
		async (_, args) => {
			const user = await createUser(t);
			const socket = await socketFor(user.id);
			expect(await emitRaw(socket, 'ping', args)).toMatchObject({
				ok: false,
				error: { code: 'invalid-input' }
			});
			expect(await emitWithAck(socket, 'ping', {})).toMatchObject({ ok: true, value: { userId: user.id } });
			expect(socket.connected).toBe(true);
		}
	);

	it('[socket:invalid-input] an event sent without an acknowledgement callback does no harm', async () => {
		const user = await createUser(t);
		const socket = await socketFor(user.id);
		socket.emit('ping', { sentAt: 'x' } as never, undefined as never);
		expect(await emitWithAck(socket, 'ping', {})).toMatchObject({ ok: true });
	});
});

describe('council subscription', () => {
	it('[socket:subscribe] a member subscribes to their council and learns their role', async () => {
		const { council, members } = await seedCouncil(t, ['clerk']);
		const socket = await socketFor(members[0]!.userId);
		expect(await emitWithAck(socket, 'council:subscribe', { councilId: council.id })).toEqual({
			ok: true,
			value: { role: 'clerk' }
		});
	});

	it('[socket:subscribe] a council you are not in is not-found', async () => {
		const { council } = await seedCouncil(t);
		const outsider = await createUser(t);
		const socket = await socketFor(outsider.id);
		expect(await emitWithAck(socket, 'council:subscribe', { councilId: council.id })).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
	});

	it('[socket:subscribe] a council id that is not a uuid is invalid-input', async () => {
		const user = await createUser(t);
		const socket = await socketFor(user.id);
		expect(await emitWithAck(socket, 'council:subscribe', { councilId: "1' or '1'='1" })).toMatchObject({
			ok: false,
			error: { code: 'invalid-input' }
		});
	});

	it('[socket:revoke] revoking a subscribed member tells their socket at once, and only theirs', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member', 'member']);
		const [revoked, staying] = members as [(typeof members)[0], (typeof members)[0]];
		const revokedSocket = await socketFor(revoked.userId);
		const stayingSocket = await socketFor(staying.userId);
		for (const s of [revokedSocket, stayingSocket]) {
			expect((await emitWithAck(s, 'council:subscribe', { councilId: council.id })).ok).toBe(true);
		}
		const othersSaw: unknown[] = [];
		stayingSocket.on('council:access-revoked', (p) => othersSaw.push(p));

		const notice = nextEvent(revokedSocket, 'council:access-revoked');
		expect(
			(await server.ctx.services.members.revoke(moderator.userId, council.id, revoked.memberId)).ok
		).toBe(true);

		expect(await notice).toEqual({ councilId: council.id });
		expect((await emitWithAck(stayingSocket, 'ping', {})).ok).toBe(true);
		expect(othersSaw).toEqual([]);
		expect(await emitWithAck(revokedSocket, 'council:subscribe', { councilId: council.id })).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
	});
});
