import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Yishi } from '../../server/app';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import {
	agendaItem,
	folded,
	MeetingClient,
	newCommandId,
	range,
	seedMeeting,
	seqs
} from '../helpers/meeting-client';
import { durableStore, startOn, type DurableStore } from '../helpers/restartable-server';
import { fromContext } from '../helpers/seed';
import { signIn } from '../helpers/test-server';

let store: DurableStore;
let running: Yishi | null = null;
const clients: MeetingClient[] = [];

beforeAll(async () => {
	store = await durableStore();
});
afterAll(async () => {
	for (const c of clients) c.close();
	await running?.close();
	await store?.dispose();
});

async function start(): Promise<Yishi> {
	running = await startOn(store);
	return running;
}

async function stop(server: Yishi, connected: MeetingClient[]) {
	const gone = connected.map(
		(c) => new Promise<void>((resolve) => c.socket.once('disconnect', () => resolve()))
	);
	await server.close();
	running = null;
	await Promise.all(gone);
}

async function connect(url: string, cookie: string, meetingId: string) {
	const client = await MeetingClient.connect(url, cookie, meetingId);
	clients.push(client);
	return client;
}

const checkIn = (memberId: string): MeetingCommand => ({
	type: 'attendance:check-in',
	memberId,
	mode: 'in-person'
});
const NEXT: MeetingCommand = { type: 'agenda:next' };

describe('a restart in the middle of a meeting', () => {
	it('[meeting:restart] after the server is stopped and started again on the same database, clients re-join with since and reach the same state, then follow what comes next', async () => {
		let server = await start();
		const t = fromContext(server.ctx);
		const m = await seedMeeting(t, ['member', 'member']);
		const [early, resident] = m.members as [(typeof m.members)[0], (typeof m.members)[0]];
		// Sessions live in the database, so the same cookies sign in again after the restart.
		const cookies = {
			moderator: await signIn(server.ctx, m.moderator.userId),
			resident: await signIn(server.ctx, resident.userId),
			early: await signIn(server.ctx, early.userId)
		};

		const moderator = await connect(server.url, cookies.moderator, m.meetingId);
		const watcher = await connect(server.url, cookies.resident, m.meetingId);
		const leaver = await connect(server.url, cookies.early, m.meetingId);
		const atJoin = await watcher.joined();
		await moderator.run(agendaItem('物业费调整'));
		await moderator.run(agendaItem('停车位划线'));
		await moderator.run({ type: 'meeting:open' });
		const leftAt = await leaver.joined();
		leaver.close();
		const checkInId = newCommandId();
		const checkedIn = await moderator.run(checkIn(m.moderator.memberId), checkInId);
		await moderator.run(checkIn(resident.memberId));
		await moderator.run(NEXT);
		const before = await moderator.state();
		await watcher.waitForSeq(before.seq);
		const watcherState = folded(atJoin.snapshot!, watcher.received);
		expect(watcherState).toStrictEqual(before);

		await stop(server, [moderator, watcher]);
		server = await start();

		// Re-joining exactly where each client was: nothing missed, nothing repeated.
		const moderator2 = await connect(server.url, cookies.moderator, m.meetingId);
		const watcher2 = await connect(server.url, cookies.resident, m.meetingId);
		expect(await watcher2.joined(before.seq)).toEqual({
			actor: atJoin.actor,
			seq: before.seq,
			snapshot: null,
			events: []
		});
		// The new process folds the log from the database into the state the old one held in memory.
		expect(await moderator2.state()).toStrictEqual(before);

		// A client that left before the restart gets exactly what it missed, across both processes.
		const early2 = await connect(server.url, cookies.early, m.meetingId);
		const caughtUp = await early2.joined(leftAt.seq);
		expect(seqs(caughtUp.events)).toEqual(range(leftAt.seq + 1, before.seq));
		expect(folded(leftAt.snapshot!, caughtUp.events)).toStrictEqual(before);

		// A retry of a command acknowledged before the restart still does not act twice.
		expect(await moderator2.command(checkIn(m.moderator.memberId), checkInId)).toEqual({
			ok: true,
			value: { events: checkedIn }
		});
		expect((await eventLogRepository(server.ctx.db.sql).head(m.meetingId)).seq).toBe(before.seq);

		// And the meeting goes on: new facts continue the same sequence and reach everyone.
		const more = [...(await moderator2.run(checkIn(early.memberId))), ...(await moderator2.run(NEXT))];
		expect(seqs(more)).toEqual(range(before.seq + 1, before.seq + more.length));
		for (const client of [watcher2, early2]) {
			await client.waitForSeq(more.at(-1)!.seq);
			expect(client.received).toEqual(more);
		}
		const after = await watcher2.state();
		expect(folded(watcherState, watcher2.received)).toStrictEqual(after);
		expect(folded(before, more)).toStrictEqual(after);
		expect(after.currentItemId).toBe(after.agenda[1]!.id);
		expect(after.quorum?.met).toBe(true);
	});
});
