import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { RecordedFact } from '../../src/lib/domain/meeting/meeting-events';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import { MEMBERSHIP_CHANNEL } from '../../src/lib/server/services/membership-notice';
import {
	agendaItem,
	folded,
	MeetingClient,
	newCommandId,
	range,
	seedMeeting,
	seqs
} from '../helpers/meeting-client';
import { fromContext, type Seedable } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

const checkIn = (memberId: string, mode: 'remote' | 'in-person' = 'in-person'): MeetingCommand => ({
	type: 'attendance:check-in',
	memberId,
	mode
});
const NEXT: MeetingCommand = { type: 'agenda:next' };

// Several instances share one Postgres server; the embedded database is one process by design.
describe.runIf(!!process.env.DATABASE_URL)('two instances on one Postgres database', () => {
	let db: TestDatabase;
	let a: TestServer;
	let b: TestServer;
	let t: Seedable;
	let clients: MeetingClient[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
		a = await startTestServer({ database: db });
		b = await startTestServer({ database: db });
		t = fromContext(a.ctx);
	});
	afterEach(() => {
		for (const c of clients) c.close();
		clients = [];
	});
	afterAll(async () => {
		await b?.close();
		await a?.close();
		await db?.close();
	});

	async function on(server: TestServer, userId: string, meetingId: string) {
		const client = await MeetingClient.as({ url: server.url, ctx: server.ctx, userId, meetingId });
		clients.push(client);
		return client;
	}

	const head = async (meetingId: string) => (await eventLogRepository(db.sql).head(meetingId)).seq;
	/** The adapters' connections that are listening (one per instance when all is well). */
	const listening = async () => {
		const [row] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from pg_stat_activity
			where datname = current_database() and query like 'LISTEN%'`;
		return row?.n ?? 0;
	};

	it('[meeting:cluster] a resident on instance B hears the moderator on instance A, and B reports the same state as A', async () => {
		const m = await seedMeeting(t, ['member', 'member']);
		const [resident, other] = m.members as [(typeof m.members)[0], (typeof m.members)[0]];
		const moderatorOnA = await on(a, m.moderator.userId, m.meetingId);
		const residentOnB = await on(b, resident.userId, m.meetingId);
		await moderatorOnA.joined();
		const atJoin = await residentOnB.joined();
		expect(atJoin.seq).toBe(0);

		const acked: RecordedFact[] = [];
		for (const command of [
			agendaItem('电梯加装'),
			agendaItem('楼道堆物清理'),
			{ type: 'meeting:open' } as const,
			checkIn(m.moderator.memberId),
			checkIn(other.memberId),
			NEXT,
			NEXT
		]) {
			acked.push(...(await moderatorOnA.run(command)));
		}
		const last = acked.at(-1)!.seq;
		expect(seqs(acked)).toEqual(range(1, last));

		await residentOnB.waitForSeq(last);
		expect(residentOnB.received).toEqual(acked);
		const stateOnA = await moderatorOnA.state();
		const stateOnB = await residentOnB.state();
		expect(stateOnB).toStrictEqual(stateOnA);
		expect(folded(atJoin.snapshot!, residentOnB.received)).toStrictEqual(stateOnA);
		expect(stateOnA.currentItemId).toBe(stateOnA.agenda[1]!.id);
	});

	it('[meeting:cluster] a command through B after A moved the log on is decided on the latest state, and A’s clients hear it', async () => {
		const m = await seedMeeting(t, ['member']);
		const resident = m.members[0]!;
		const moderatorOnA = await on(a, m.moderator.userId, m.meetingId);
		const moderatorOnB = await on(b, m.moderator.userId, m.meetingId);
		const residentOnB = await on(b, resident.userId, m.meetingId);
		await moderatorOnA.run(agendaItem('第一项'));
		await moderatorOnA.run(agendaItem('第二项'));
		await moderatorOnA.run(agendaItem('第三项'));
		await moderatorOnA.run({ type: 'meeting:open' });
		// B loads the meeting now, then falls behind while A carries on.
		const stale = await moderatorOnB.joined();
		await moderatorOnA.joined();
		await moderatorOnA.run(NEXT);
		await moderatorOnA.run(NEXT);
		const moved = await head(m.meetingId);
		expect(moved).toBeGreaterThan(stale.seq);

		// Decided on B's stale copy, this would start item 1 at seq stale+1 and clash; B catches up and decides again.
		const viaB = await moderatorOnB.run(NEXT);
		expect(viaB).toMatchObject([{ seq: moved + 1, type: 'agenda:item-start' }]);
		await moderatorOnA.waitForSeq(moved + 1);
		const state = await moderatorOnA.state();
		expect(viaB[0]).toMatchObject({ payload: { itemId: state.agenda[2]!.id } });
		expect(state.currentItemId).toBe(state.agenda[2]!.id);
		expect(await moderatorOnB.state()).toStrictEqual(state);

		// A resident's own check-in through B, and a retry of it through A, are one fact.
		const commandId = newCommandId();
		const checkedIn = await residentOnB.run(checkIn(resident.memberId, 'remote'), commandId);
		const residentOnA = await on(a, resident.userId, m.meetingId);
		expect(await residentOnA.command(checkIn(resident.memberId, 'remote'), commandId)).toEqual({
			ok: true,
			value: { events: checkedIn }
		});
		expect(await head(m.meetingId)).toBe(checkedIn.at(-1)!.seq);
	});

	it('[meeting:cluster] commands arriving at both instances at once are all recorded, once each, without gaps', async () => {
		const m = await seedMeeting(t, ['member', 'member', 'member', 'member']);
		const moderatorOnA = await on(a, m.moderator.userId, m.meetingId);
		const moderatorOnB = await on(b, m.moderator.userId, m.meetingId);
		const listenerOnB = await on(b, m.members[0]!.userId, m.meetingId);
		await moderatorOnA.run({ type: 'meeting:open' });
		await moderatorOnB.joined();
		await listenerOnB.joined();
		const opened = await head(m.meetingId);

		const answers = await Promise.all(
			m.members.map((member, i) => (i % 2 ? moderatorOnA : moderatorOnB).run(checkIn(member.memberId)))
		);
		const facts = answers.flat().sort((x, y) => x.seq - y.seq);
		const top = await head(m.meetingId);
		expect(seqs(facts)).toEqual(range(opened + 1, top));
		expect(facts.filter((f) => f.type === 'attendance:check-in')).toHaveLength(4);
		// Each instance decided on the latest record, so the majority was crossed exactly once.
		expect(facts.filter((f) => f.type.startsWith('quorum:')).map((f) => f.type)).toEqual(['quorum:reached']);

		// Two instances announce independently (and each holds a crowd's check-ins up to 250 ms), so a
		// listener may hear them in either order, the top before the rest; by seq they are complete.
		await vi.waitFor(
			() => expect([...listenerOnB.receivedAfter(opened)].sort((x, y) => x.seq - y.seq)).toEqual(facts),
			{ timeout: 5_000 }
		);
		expect(await moderatorOnB.state()).toStrictEqual(await moderatorOnA.state());
	});

	it('[meeting:cluster-retries] the same commands sent through both instances at once, twice each, are each recorded once', async () => {
		const m = await seedMeeting(
			t,
			Array.from({ length: 60 }, () => 'member' as const)
		);
		const rooms = [a.ctx.services.meetingRooms, b.ctx.services.meetingRooms];
		expect(
			(await rooms[0]!.command(m.moderator.userId, m.meetingId, newCommandId(), { type: 'meeting:open' })).ok
		).toBe(true);
		const opened = await head(m.meetingId);
		// Each member's check-in goes out four times under one id, interleaved between the instances,
		// so one instance looks a command up while the other is applying it.
		const sends = m.members.flatMap((member) => {
			const commandId = newCommandId();
			return [0, 1, 1, 0].map((i) => ({ i, member, commandId }));
		});
		const answers = await Promise.all(
			sends.map(async ({ i, member, commandId }) => {
				const done = await rooms[i]!.command(
					member.userId,
					m.meetingId,
					commandId,
					checkIn(member.memberId, 'remote')
				);
				if (!done.ok) throw new Error(done.error.code);
				return { commandId, seqs: seqs(done.value.events) };
			})
		);
		const byCommand = new Map<string, string>();
		for (const { commandId, seqs: s } of answers) {
			const seen = byCommand.get(commandId);
			if (seen !== undefined) expect(s.join()).toBe(seen);
			byCommand.set(commandId, s.join());
		}
		const log = await eventLogRepository(db.sql).readSince(m.meetingId, opened);
		expect(log.map((e) => e.seq)).toEqual(range(opened + 1, await head(m.meetingId)));
		const checkedIn = log.filter((e) => e.type === 'attendance:check-in').map((e) => e.commandId);
		expect(checkedIn).toHaveLength(m.members.length);
		expect(new Set(checkedIn)).toEqual(new Set(byCommand.keys()));
	});

	it('[meeting:cluster-restart] after every connection to the database is cut, twice, B’s clients hear A’s facts again', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderatorOnA = await on(a, m.moderator.userId, m.meetingId);
		const residentOnB = await on(b, m.members[0]!.userId, m.meetingId);
		await moderatorOnA.joined();
		await residentOnB.joined();
		expect(await listening()).toBe(2);

		for (const title of ['电梯加装', '楼道堆物清理']) {
			// What a database restart does to each instance's connections, the adapters' LISTEN among them.
			await db.sql`select pg_terminate_backend(pid) from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid()`.catch(() => {});
			// Each adapter listens again on a connection of its own (its pool holds two).
			await vi.waitFor(async () => expect(await listening()).toBe(2), { timeout: 10_000, interval: 200 });
			let facts: RecordedFact[] = [];
			await vi.waitFor(
				async () => {
					facts = await moderatorOnA.run(agendaItem(title));
				},
				{ timeout: 5_000, interval: 200 }
			);
			await residentOnB.waitForSeq(facts.at(-1)!.seq);
		}
	});

	it('[meeting:cluster-heads] a fact announced while B’s adapter was not listening is lost to B’s clients, so B tells them the log’s head when it listens again, and a join from their seq brings it', async () => {
		const m = await seedMeeting(t, ['member']);
		const moderatorOnA = await on(a, m.moderator.userId, m.meetingId);
		const residentOnB = await on(b, m.members[0]!.userId, m.meetingId);
		const elsewhere = await seedMeeting(t, ['member']);
		const otherOnB = await on(b, elsewhere.members[0]!.userId, elsewhere.meetingId);
		await moderatorOnA.joined();
		const { seq: before } = await residentOnB.joined();
		await otherOnB.joined();
		const heads: { meetingId: string; seq: number }[] = [];
		residentOnB.socket.on('meeting:head', (h) => heads.push(h));
		otherOnB.socket.on('meeting:head', (h) => heads.push(h));

		// Only the adapters' LISTEN connections; the rest stay, so A records and announces at once,
		// while each adapter waits 1 to 3 s before listening again.
		await db.sql`select pg_terminate_backend(pid) from pg_stat_activity
			where datname = current_database() and query like 'LISTEN%'`;
		await vi.waitFor(async () => expect(await listening()).toBe(0), { timeout: 1_000, interval: 20 });
		const facts = await moderatorOnA.run(agendaItem('电梯加装'));
		const seq = facts.at(-1)!.seq;
		expect(await listening()).toBeLessThan(2);

		await vi.waitFor(() => expect(heads).toContainEqual({ meetingId: m.meetingId, seq }), {
			timeout: 10_000,
			interval: 100
		});
		// Each socket hears only of the meetings it follows.
		expect(heads).toEqual([
			...heads.filter((h) => h.meetingId === m.meetingId),
			...heads.filter((h) => h.meetingId === elsewhere.meetingId)
		]);
		expect(heads.filter((h) => h.meetingId === elsewhere.meetingId)).toEqual([
			{ meetingId: elsewhere.meetingId, seq: await head(elsewhere.meetingId) }
		]);
		expect(residentOnB.received.map((f) => f.seq)).not.toContain(seq);
		const caughtUp = await residentOnB.joined(before);
		expect(caughtUp.events).toEqual(facts);
	});

	it('[meeting:cluster-revoke] a member revoked through A is dropped by B at once: B’s socket is told and B refuses their next command', async () => {
		const m = await seedMeeting(t, ['member', 'member']);
		const [revoked, stays] = m.members as [(typeof m.members)[0], (typeof m.members)[0]];
		const onB = await on(b, revoked.userId, m.meetingId);
		const staysOnB = await on(b, stays.userId, m.meetingId);
		await onB.joined();
		await staysOnB.joined();
		// B now remembers who both are.
		await onB.run(checkIn(revoked.memberId, 'remote'));
		const told: string[] = [];
		onB.socket.on('council:access-revoked', ({ councilId }) => told.push(councilId));

		expect((await a.ctx.services.members.revoke(m.moderator.userId, m.councilId, revoked.memberId)).ok).toBe(
			true
		);
		await vi.waitFor(() => expect(told).toEqual([m.councilId]), { timeout: 2_000 });
		expect(await onB.command({ type: 'attendance:leave', memberId: revoked.memberId })).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect(await onB.join()).toMatchObject({ ok: false, error: { code: 'not-found' } });
		// Nobody else is affected.
		expect((await staysOnB.run(checkIn(stays.memberId, 'remote'))).map((f) => f.type)).toContain(
			'attendance:check-in'
		);

		// A role changed through A counts on B from then on.
		expect(await staysOnB.command(agendaItem('新增议题'))).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		const asClerk = { role: 'clerk' as const, voteWeight: 1, constituency: null, organisation: null };
		expect(
			(await a.ctx.services.members.update(m.moderator.userId, m.councilId, stays.memberId, asClerk)).ok
		).toBe(true);
		await vi.waitFor(async () => expect((await staysOnB.command(agendaItem('新增议题'))).ok).toBe(true), {
			timeout: 2_000
		});
	});

	it('[meeting:cluster-notice] each committed membership change is announced once, by its own transaction; a refused one not at all', async () => {
		const m = await seedMeeting(t, ['member', 'member']);
		const [revoked, promoted] = m.members as [(typeof m.members)[0], (typeof m.members)[0]];
		const notices: { type: string; councilId: string; userId: string }[] = [];
		const listener = await db.sql.listen(MEMBERSHIP_CHANNEL, (payload) => {
			const { type, councilId, userId } = JSON.parse(payload) as (typeof notices)[number];
			if (councilId === m.councilId) notices.push({ type, councilId, userId });
		});
		try {
			const members = a.ctx.services.members;
			// Refused: the council would be left without a moderator.
			expect(await members.revoke(m.moderator.userId, m.councilId, m.moderator.memberId)).toMatchObject({
				ok: false,
				error: { code: 'last-moderator' }
			});
			expect((await members.revoke(m.moderator.userId, m.councilId, revoked.memberId)).ok).toBe(true);
			const asClerk = { role: 'clerk' as const, voteWeight: 1, constituency: null, organisation: null };
			expect((await members.update(m.moderator.userId, m.councilId, promoted.memberId, asClerk)).ok).toBe(
				true
			);
			expect((await members.restore(m.moderator.userId, m.councilId, revoked.memberId)).ok).toBe(true);

			// Notices arrive in commit order on one connection: nothing came of the refusal.
			await vi.waitFor(() => expect(notices).toHaveLength(3), { timeout: 2_000 });
			const { councilId } = m;
			expect(notices).toEqual([
				{ type: 'membership:revoked', councilId, userId: revoked.userId },
				{ type: 'membership:changed', councilId, userId: promoted.userId },
				{ type: 'membership:changed', councilId, userId: revoked.userId }
			]);
		} finally {
			await listener.unlisten();
		}
	});
});
