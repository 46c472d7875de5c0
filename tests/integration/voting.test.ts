import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { RecordedFact } from '../../src/lib/domain/meeting/meeting-events';
import type { Motion } from '../../src/lib/domain/voting/motion';
import { documentRoomName } from '../../src/lib/protocol/collab';
import { documentRepository } from '../../src/lib/server/repositories/document.repository';
import { ballotBoxRepository } from '../../src/lib/server/repositories/ballot-box.repository';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import {
	agendaItem,
	folded,
	MeetingClient,
	seedMeeting,
	type SeededMeeting
} from '../helpers/meeting-client';
import { toFact } from '../../src/lib/server/services/meeting-room.service';
import { factsForWire } from '../../src/lib/protocol/wire-view';
import { fromContext, servicesOver, type Seedable, type SeededMember } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { cast, newReceipt, propose, run, seedLargeCouncil } from '../helpers/voting';
import { openEmbedded } from '../../src/lib/server/db/database';
import { migrate } from '../../src/lib/server/db/migrate';

let server: TestServer;
let t: Seedable;
let clients: MeetingClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
	t = fromContext(server.ctx);
});
afterEach(() => {
	for (const c of clients) c.close();
	clients = [];
});
afterAll(() => server?.close());

const checkIn = (memberId: string, mode: 'remote' | 'in-person' = 'remote'): MeetingCommand => ({
	type: 'attendance:check-in',
	memberId,
	mode
});

interface Room extends SeededMeeting {
	itemId: string;
	as: (who: { userId: string }, command: MeetingCommand) => Promise<RecordedFact[]>;
	refusal: (who: { userId: string }, command: MeetingCommand) => Promise<string>;
	motion: (id: string) => Promise<Motion>;
	/** A socket client of `who` on the meeting, joined (closed after the test). */
	client: (who: { userId: string }) => Promise<MeetingClient>;
}

/** Connects `who` to the meeting over a socket and joins; closed after the test. */
const joinedClient = (meetingId: string) => async (who: { userId: string }) => {
	const client = await MeetingClient.as({ url: server.url, ctx: server.ctx, userId: who.userId, meetingId });
	clients.push(client);
	await client.joined();
	return client;
};

/** A council of a moderator and `roles`, its meeting open on one decision item. */
async function openMeeting(roles: Parameters<typeof seedMeeting>[1]): Promise<Room> {
	const seeded = await seedMeeting(t, roles);
	const as = (who: { userId: string }, command: MeetingCommand) =>
		run(server.ctx, who.userId, seeded.meetingId, command);
	const refusal = async (who: { userId: string }, command: MeetingCommand) => {
		const done = await server.ctx.services.meetingRooms.command(
			who.userId,
			seeded.meetingId,
			randomUUID(),
			command
		);
		if (done.ok) throw new Error(`${command.type} was accepted`);
		return done.error.code;
	};
	const item = agendaItem('停车收费方案', { kind: 'decision' });
	await as(seeded.moderator, item);
	await as(seeded.moderator, { type: 'meeting:open' });
	await as(seeded.moderator, { type: 'agenda:next' });
	const motion = async (id: string) => {
		const joined = await server.ctx.services.meetingRooms.join(seeded.moderator.userId, seeded.meetingId);
		if (!joined.ok || !joined.value.snapshot) throw new Error('join failed');
		return joined.value.snapshot.motions.find((m) => m.id === id)!;
	};
	return {
		...seeded,
		itemId: (item as { itemId: string }).itemId,
		as,
		refusal,
		motion,
		client: joinedClient(seeded.meetingId)
	};
}

describe('motions and open votes', () => {
	it('carries a seconded motion on the votes cast and records the tally', async () => {
		const room = await openMeeting(['member', 'member', 'member']);
		const [a, b, c] = room.members as [SeededMember, SeededMember, SeededMember];
		for (const p of [room.moderator, a, b, c]) await room.as(room.moderator, checkIn(p.memberId));
		const motionId = randomUUID();
		await room.as(a, propose(room.itemId, '每月停车费 100 元', motionId));
		await room.as(b, { type: 'motion:second', motionId });
		await room.as(room.moderator, { type: 'vote:open', motionId });
		await room.as(a, cast(motionId, 'yes'));
		await room.as(b, cast(motionId, 'yes'));
		await room.as(c, cast(motionId, 'no'));
		await room.as(room.moderator, cast(motionId, 'abstain'));
		const [closed] = await room.as(room.moderator, { type: 'vote:close', motionId });
		expect(closed!.type).toBe('vote:close');
		const motion = await room.motion(motionId);
		expect(motion.status).toBe('closed');
		expect(motion.seconderId).toBe(b.memberId);
		expect(motion.outcome?.result).toBe('carried');
		expect(motion.outcome?.tally?.counts).toEqual({ yes: 2, no: 1, abstain: 1 });
		expect(motion.outcome?.receipts).toEqual([]);
	});

	it('refuses to open a vote without quorum, and records "no quorum" when quorum is lost before close', async () => {
		const room = await openMeeting(['member', 'member', 'member', 'member']);
		const [a, b] = room.members;
		const motionId = randomUUID();
		await room.as(room.moderator, checkIn(room.moderator.memberId));
		await room.as(a!, checkIn(a!.memberId));
		await room.as(a!, propose(room.itemId, '安装充电桩', motionId));
		expect(await room.refusal(room.moderator, { type: 'vote:open', motionId })).toBe('no-quorum');
		await room.as(b!, checkIn(b!.memberId));
		await room.as(room.moderator, { type: 'vote:open', motionId });
		await room.as(a!, cast(motionId, 'yes'));
		await room.as(b!, cast(motionId, 'yes'));
		await room.as(b!, { type: 'attendance:leave', memberId: b!.memberId });
		await room.as(room.moderator, { type: 'vote:close', motionId });
		const motion = await room.motion(motionId);
		expect(motion.outcome?.result).toBe('no-quorum');
		expect(motion.outcome?.quorumAtClose.met).toBe(false);
		expect(motion.vote?.quorumAtOpen.met).toBe(true);
	});

	it('refuses ballots with a reason: after close, from an observer, a recused member, a late arrival', async () => {
		const room = await openMeeting(['member', 'member', 'observer', 'member']);
		const [a, b, observer, late] = room.members;
		for (const p of [room.moderator, a!, b!, observer!]) await room.as(room.moderator, checkIn(p.memberId));
		const motionId = randomUUID();
		await room.as(a!, propose(room.itemId, '更换电梯', motionId));
		await room.as(b!, { type: 'motion:recuse', motionId, memberId: b!.memberId, reason: '本人是供应商' });
		await room.as(room.moderator, { type: 'vote:open', motionId });
		expect(await room.refusal(b!, cast(motionId, 'yes'))).toBe('recused');
		expect(await room.refusal(observer!, cast(motionId, 'yes'))).toBe('not-eligible');
		await room.as(room.moderator, checkIn(late!.memberId));
		expect(await room.refusal(late!, cast(motionId, 'yes'))).toBe('not-eligible');
		expect(await room.refusal(a!, cast(motionId, 'maybe' as never))).toBe('invalid-choice');
		await room.as(a!, cast(motionId, 'yes'));
		await room.as(room.moderator, { type: 'vote:close', motionId });
		expect(await room.refusal(a!, cast(motionId, 'no'))).toBe('vote-closed');
		const motion = await room.motion(motionId);
		expect(motion.recusals[b!.memberId]).toBe('本人是供应商');
		// A recused member still counts for quorum: the moderator, a and b of four voting members.
		expect(motion.vote?.quorumAtOpen.parts[0]?.present).toBe(3);
	});

	it('counts hands in the room once: a counted member cannot vote again, and totals cannot exceed the room', async () => {
		const room = await openMeeting(['member', 'member', 'member']);
		const [a, b, remote] = room.members;
		await room.as(room.moderator, checkIn(room.moderator.memberId));
		await room.as(room.moderator, checkIn(a!.memberId, 'in-person'));
		await room.as(room.moderator, checkIn(b!.memberId, 'in-person'));
		await room.as(remote!, checkIn(remote!.memberId));
		const motionId = randomUUID();
		await room.as(room.moderator, propose(room.itemId, '增设垃圾分类点', motionId));
		await room.as(room.moderator, { type: 'vote:open', motionId, secret: true });
		await room.as(remote!, cast(motionId, 'no', { receipt: newReceipt() }));
		// Only a and b are in the room without a ballot: three raised hands cannot be.
		expect(
			await room.refusal(room.moderator, { type: 'ballot:hand-count', motionId, counts: { yes: 3 } })
		).toBe('invalid-input');
		await room.as(room.moderator, { type: 'ballot:hand-count', motionId, counts: { yes: 2 } });
		expect(await room.refusal(a!, cast(motionId, 'no', { receipt: newReceipt() }))).toBe('counted-by-hand');
		await room.as(room.moderator, { type: 'vote:close', motionId });
		const motion = await room.motion(motionId);
		expect(motion.vote?.handCount?.voterIds.sort()).toEqual([a!.memberId, b!.memberId].sort());
		expect(motion.outcome?.tally?.counts).toEqual({ yes: 2, no: 1, abstain: 0 });
		expect(motion.outcome?.result).toBe('carried');
	});

	it('lets a proxy holder vote for an absent giver; the giver voting in person replaces it', async () => {
		const room = await openMeeting(['member', 'member', 'member']);
		const [holder, giver, other] = room.members;
		await server.ctx.db.sql`update council set proxies_allowed = true where id = ${room.councilId}`;
		// Rules freeze when the meeting opens: a fresh meeting of the same council picks the change up.
		const fresh = await openMeetingOf(room);
		await fresh.as(room.moderator, checkIn(room.moderator.memberId));
		await fresh.as(holder!, checkIn(holder!.memberId));
		await fresh.as(other!, checkIn(other!.memberId));
		await fresh.as(giver!, { type: 'proxy:grant', giverId: giver!.memberId, holderId: holder!.memberId });
		const motionId = randomUUID();
		await fresh.as(holder!, propose(fresh.itemId, '公共收益用于绿化', motionId));
		await fresh.as(room.moderator, { type: 'vote:open', motionId });
		await fresh.as(holder!, cast(motionId, 'yes'));
		const [proxyBallot] = await fresh.as(holder!, cast(motionId, 'no', { voterId: giver!.memberId }));
		expect(proxyBallot!.payload).toMatchObject({
			voterId: giver!.memberId,
			castBy: holder!.memberId,
			via: 'proxy'
		});
		expect(await fresh.refusal(other!, cast(motionId, 'no', { voterId: giver!.memberId }))).toBe('forbidden');
		await fresh.as(giver!, checkIn(giver!.memberId));
		await fresh.as(giver!, cast(motionId, 'yes'));
		expect(await fresh.refusal(holder!, cast(motionId, 'no', { voterId: giver!.memberId }))).toBe(
			'proxy-lapsed'
		);
		await fresh.as(room.moderator, { type: 'vote:close', motionId });
		const motion = await fresh.motion(motionId);
		expect(motion.vote?.ballots[giver!.memberId]).toMatchObject({ castBy: giver!.memberId, choice: 'yes' });
		expect(motion.outcome?.tally?.counts).toEqual({ yes: 2, no: 0, abstain: 0 });
	});
});

/** Another meeting of the same council, open on one item (for rules changed after the first opened). */
async function openMeetingOf(room: Room): Promise<Room> {
	const [meeting] = await t.sql<{ id: string }[]>`
		insert into meeting (council_id, title_zh, title_en, starts_at)
		values (${room.councilId}, '临时会议', 'Extra meeting', now()) returning id`;
	const as = (who: { userId: string }, command: MeetingCommand) =>
		run(server.ctx, who.userId, meeting!.id, command);
	const refusal = async (who: { userId: string }, command: MeetingCommand) => {
		const done = await server.ctx.services.meetingRooms.command(
			who.userId,
			meeting!.id,
			randomUUID(),
			command
		);
		if (done.ok) throw new Error(`${command.type} was accepted`);
		return done.error.code;
	};
	const item = agendaItem('议题', { kind: 'decision' });
	await as(room.moderator, item);
	await as(room.moderator, { type: 'meeting:open' });
	await as(room.moderator, { type: 'agenda:next' });
	const motion = async (id: string) => {
		const joined = await server.ctx.services.meetingRooms.join(room.moderator.userId, meeting!.id);
		if (!joined.ok || !joined.value.snapshot) throw new Error('join failed');
		return joined.value.snapshot.motions.find((m) => m.id === id)!;
	};
	return {
		...room,
		meetingId: meeting!.id,
		itemId: (item as { itemId: string }).itemId,
		as,
		refusal,
		motion,
		client: joinedClient(meeting!.id)
	};
}

describe('votes on frozen text', () => {
	it('a version frozen during the meeting is in its record, and a motion binds to its hash', async () => {
		const room = await openMeeting(['member', 'member']);
		const [a, b] = room.members;
		for (const p of [room.moderator, a!, b!]) await room.as(room.moderator, checkIn(p.memberId));
		const docs = server.ctx.services.documents;
		const created = await docs.create(room.moderator.userId, room.councilId, { title: '停车收费方案' });
		if (!created.ok) throw new Error(created.error.code);
		const frozen = await docs.freezeVersion({
			actorId: room.moderator.userId,
			documentId: created.value,
			name: '表决稿',
			meetingId: room.meetingId
		});
		if (!frozen.ok) throw new Error(frozen.error.code);
		const version = { ...frozen.value };
		const log = await eventLogRepository(t.sql).readSince(room.meetingId, 0);
		expect(log.filter((e) => e.type === 'document:version-frozen').map((e) => e.payload)).toEqual([version]);
		const motionId = randomUUID();
		await room.as(a!, { type: 'motion:propose', motionId, itemId: room.itemId, text: '', document: version });
		await room.as(room.moderator, { type: 'vote:open', motionId });
		const motion = await room.motion(motionId);
		expect(motion.document?.sha256).toBe(frozen.value.sha256);
	});
});

describe('amendments to a document', () => {
	it('a carried amendment changes the document, freezes a new version and restates the main motion on it', async () => {
		const room = await openMeeting(['member', 'member', 'member']);
		const [a, b, c] = room.members;
		for (const p of [room.moderator, a!, b!, c!]) await room.as(room.moderator, checkIn(p.memberId));
		const docs = server.ctx.services.documents;
		const created = await docs.create(room.moderator.userId, room.councilId, { title: '停车收费方案' });
		if (!created.ok) throw new Error(created.error.code);
		const documentId = created.value;
		await writeText(documentId, '地面车位每月100元，地下车位每月150元。');
		const v1 = await docs.freezeVersion({
			actorId: room.moderator.userId,
			documentId,
			name: '第一稿',
			meetingId: room.meetingId
		});
		if (!v1.ok) throw new Error(v1.error.code);
		const suggested = await docs.proposeAmendment(b!.userId, documentId, {
			baseVersionId: v1.value.versionId,
			passage: '每月100元',
			replacement: '每月80元',
			rationale: '老年住户负担重'
		});
		if (!suggested.ok) throw new Error(suggested.error.code);
		const mainId = randomUUID();
		const amendmentId = randomUUID();
		await room.as(a!, {
			type: 'motion:propose',
			motionId: mainId,
			itemId: room.itemId,
			text: '通过停车收费方案',
			document: { ...v1.value }
		});
		await room.as(b!, {
			type: 'motion:propose',
			motionId: amendmentId,
			itemId: room.itemId,
			text: '地面车位改为每月80元',
			amends: mainId,
			documentAmendmentId: suggested.value
		});
		expect(await room.refusal(room.moderator, { type: 'vote:open', motionId: mainId })).toBe(
			'amendment-pending'
		);
		await docs.lock(room.moderator.userId, documentId);
		await room.as(room.moderator, { type: 'vote:open', motionId: amendmentId });
		for (const p of [a!, b!, c!]) await room.as(p, cast(amendmentId, 'yes'));
		await room.as(room.moderator, { type: 'vote:close', motionId: amendmentId });

		await expect
			.poll(async () => (await room.motion(mainId)).document?.versionId, { timeout: 10_000 })
			.not.toBe(v1.value.versionId);
		const main = await room.motion(mainId);
		expect(main.document!.sha256).not.toBe(v1.value.sha256);
		const v2 = await docs.version(room.moderator.userId, documentId, main.document!.versionId);
		if (!v2.ok) throw new Error(v2.error.code);
		expect(v2.value.plainText).toContain('地面车位每月80元');
		expect(v2.value.sha256).toBe(main.document!.sha256);
		const view = await docs.get(room.moderator.userId, documentId);
		expect(view.ok && view.value.document.lockedAt).not.toBeNull();
		await room.as(room.moderator, { type: 'vote:open', motionId: mainId });
	});
});

/** A meeting of a moderator and one member, both present, voting in secret on the member's motion. */
async function secretVoteOfOne(text: string) {
	const room = await openMeeting(['member']);
	const [a] = room.members as [SeededMember];
	for (const p of [room.moderator, a]) await room.as(room.moderator, checkIn(p.memberId));
	const motionId = randomUUID();
	await room.as(a, propose(room.itemId, text, motionId));
	await room.as(room.moderator, { type: 'vote:open', motionId, secret: true });
	return { room, a, motionId, receipt: newReceipt() };
}

describe('secret ballots', () => {
	it('publishes receipts with choices at close and nowhere links a voter to a choice', async () => {
		const room = await openMeeting(['member', 'member', 'member', 'member']);
		const voters = [room.moderator, ...room.members];
		const watchers: MeetingClient[] = [];
		for (const p of voters) watchers.push(await room.client(p));
		const acks: unknown[] = [];
		for (const [i, p] of voters.entries()) {
			acks.push(await watchers[i]!.command(checkIn(p.memberId)));
		}
		const motionId = randomUUID();
		acks.push(await watchers[1]!.command(propose(room.itemId, '物业费上调 5%', motionId)));
		acks.push(await watchers[0]!.command({ type: 'vote:open', motionId, secret: true }));
		const choices = ['yes', 'no', 'yes', 'abstain', 'yes'] as const;
		const receipts = voters.map(() => newReceipt());
		for (const [i] of voters.entries()) {
			acks.push(await watchers[i]!.command(cast(motionId, choices[i]!, { receipt: receipts[i]! })));
		}
		// Voter 1 changes their mind with their receipt; without it, nobody can.
		acks.push(await watchers[1]!.command(cast(motionId, 'yes', { receipt: receipts[1]! })));
		const stolen = await watchers[2]!.command(cast(motionId, 'no', { receipt: newReceipt() }));
		expect(stolen.ok ? 'accepted' : stolen.error.code).toBe('unknown-receipt');
		acks.push(await watchers[0]!.command({ type: 'vote:close', motionId }));
		acks.push(await watchers[0]!.joined());
		for (const w of watchers) await w.waitForSeq((await eventLogRepository(t.sql).head(room.meetingId)).seq);

		const motion = await room.motion(motionId);
		expect(motion.outcome?.tally?.counts).toEqual({ yes: 4, no: 0, abstain: 1 });
		const published = motion.outcome!.receipts;
		expect(published).toHaveLength(5);
		const tagOf = (r: string) => createHash('sha256').update(r).digest('hex');
		const finalChoices = ['yes', 'yes', 'yes', 'abstain', 'yes'];
		receipts.forEach((r, i) =>
			expect(published.find((p) => p.tag === tagOf(r))?.choice).toBe(finalChoices[i])
		);
		expect(Object.keys(motion.vote!.turnout).sort()).toEqual(voters.map((v) => v.memberId).sort());

		const log = await eventLogRepository(t.sql).readSince(room.meetingId, 0);
		const identities = new Set(voters.flatMap((v) => [v.memberId, v.userId]));
		const everything = { acks, broadcasts: watchers.map((w) => [w.received, w.wire]), log };
		expect(linksVoterToChoice(everything, identities)).toEqual([]);
		// The ballot box itself has no column that could name or date a voter.
		const columns = await t.sql<{ columnName: string }[]>`
			select column_name from information_schema.columns where table_name = 'secret_ballot' order by column_name`;
		expect(columns.map((c) => c.columnName)).toEqual([
			'choice',
			'constituency',
			'meeting_id',
			'motion_id',
			'tag',
			'weight_cents'
		]);
		expect(await ballotBoxRepository(t.sql).contents(room.meetingId, motionId)).toEqual(published);

		// The published list is served on request to members; the socket carries the close without it.
		const served = await server.ctx.services.meetingRooms.publishedBallots(
			voters[2]!.userId,
			room.meetingId,
			motionId
		);
		expect(served.ok && served.value.receipts).toEqual(published);
		const stranger = await server.ctx.services.meetingRooms.publishedBallots(
			randomUUID(),
			room.meetingId,
			motionId
		);
		expect(stranger.ok).toBe(false);
		const onScreen = (await watchers[3]!.state()).motions.find((m) => m.id === motionId)!;
		expect(onScreen.outcome?.tally).toEqual(motion.outcome?.tally);
		expect(onScreen.outcome?.receipts).toEqual([]);
	});

	it('an open vote with its tally hidden sends who voted, not what, until it closes', async () => {
		const room = await openMeeting(['member', 'member', 'member']);
		const [a, b, c] = room.members as [SeededMember, SeededMember, SeededMember];
		const [ca, cb, watcher] = [await room.client(a), await room.client(b), await room.client(c)];
		for (const p of [room.moderator, a, b, c]) await room.as(room.moderator, checkIn(p.memberId));
		const motionId = randomUUID();
		await room.as(a, propose(room.itemId, '夜间禁止货车进入小区', motionId));
		await room.as(room.moderator, { type: 'vote:open', motionId, hideRunningTally: true });
		const ownAck = await ca.command(cast(motionId, 'yes'));
		await cb.run(cast(motionId, 'no'));
		await watcher.waitForSeq((await eventLogRepository(t.sql).head(room.meetingId)).seq);

		// The voter's own acknowledgement has its choice; nobody else's screen has anyone's.
		expect(ownAck.ok && ownAck.value.events.map((f) => f.type)).toEqual(['ballot:cast']);
		const voters = new Set([a.memberId, b.memberId, a.userId, b.userId]);
		expect(linksVoterToChoice([watcher.wire, watcher.received], voters)).toEqual([]);
		const during = (await watcher.state()).motions.find((m) => m.id === motionId)!.vote!;
		expect(Object.keys(during.turnout).sort()).toEqual([a.memberId, b.memberId].sort());
		expect(during.ballots).toEqual({});
		const early = await server.ctx.services.meetingRooms.publishedBallots(c.userId, room.meetingId, motionId);
		expect(!early.ok && early.error.code).toBe('not-found');

		await room.as(room.moderator, { type: 'vote:close', motionId });
		await watcher.waitForSeq((await eventLogRepository(t.sql).head(room.meetingId)).seq);
		expect(linksVoterToChoice(watcher.wire, voters)).toEqual([]);
		const published = await server.ctx.services.meetingRooms.publishedBallots(
			c.userId,
			room.meetingId,
			motionId
		);
		expect(published.ok && published.value.ballots.map((x) => [x.voterId, x.choice]).sort()).toEqual(
			[
				[a.memberId, 'yes'],
				[b.memberId, 'no']
			].sort()
		);
		// Once closed, a screen that joins (or catches up) gets the named ballots with the rest.
		const after = (await watcher.state()).motions.find((m) => m.id === motionId)!;
		expect(Object.keys(after.vote!.ballots).sort()).toEqual([a.memberId, b.memberId].sort());
		expect(after.outcome?.tally?.counts).toMatchObject({ yes: 1, no: 1 });
	});

	it('[vote:secret-two-rooms] a ballot changed through one process after it was cast through another is taken, not refused for an unknown receipt', async () => {
		const room = await openMeeting(['member', 'member']);
		const [a, b] = room.members as [SeededMember, SeededMember];
		for (const p of [room.moderator, a, b]) await room.as(room.moderator, checkIn(p.memberId));
		const motionId = randomUUID();
		await room.as(a, propose(room.itemId, '地下车库收费方案', motionId));
		await room.as(room.moderator, { type: 'vote:open', motionId, secret: true });
		// A second process's meeting room on the same database, as behind a load balancer.
		const other = servicesOver(t.sql).services.meetingRooms;
		const send = async (
			rooms: typeof other,
			who: { userId: string },
			command: MeetingCommand
		): Promise<string | null> => {
			const done = await rooms.command(who.userId, room.meetingId, randomUUID(), command);
			return done.ok ? null : done.error.code;
		};
		// The other process learns the box's receipts (b's ballot) before a's ballot arrives elsewhere.
		expect(await send(other, b, cast(motionId, 'no', { receipt: newReceipt() }))).toBeNull();
		const receipt = newReceipt();
		expect(await send(server.ctx.services.meetingRooms, a, cast(motionId, 'no', { receipt }))).toBeNull();
		expect(await send(other, a, cast(motionId, 'yes', { receipt }))).toBeNull();
		// And a receipt that is nobody's is still refused there.
		expect(await send(other, a, cast(motionId, 'abstain', { receipt: newReceipt() }))).toBe(
			'unknown-receipt'
		);
		await room.as(room.moderator, { type: 'vote:close', motionId });
		expect((await room.motion(motionId)).outcome?.tally?.counts).toEqual({ yes: 1, no: 1, abstain: 0 });
	});

	it('[vote:secret-late-retry] a changed ballot retried after a later change stays changed, in this process and another', async () => {
		const { room, a, motionId, receipt } = await secretVoteOfOne('电动车充电桩收费方案');
		const rooms = server.ctx.services.meetingRooms;
		const send = async (via: typeof rooms, commandId: string, choice: 'yes' | 'no' | 'abstain') => {
			const done = await via.command(
				a.userId,
				room.meetingId,
				commandId,
				cast(motionId, choice, { receipt })
			);
			if (!done.ok) throw new Error(done.error.code);
			return done.value.replayed;
		};
		const toYes = randomUUID();
		expect(await send(rooms, randomUUID(), 'no')).toBe(false);
		expect(await send(rooms, toYes, 'yes')).toBe(false);
		expect(await send(rooms, randomUUID(), 'abstain')).toBe(false);
		// The change to yes arrives again (a connection that came back late), here and elsewhere.
		expect(await send(rooms, toYes, 'yes')).toBe(true);
		expect(await send(servicesOver(t.sql).services.meetingRooms, toYes, 'yes')).toBe(true);
		const [ballot] = await ballotBoxRepository(t.sql).contents(room.meetingId, motionId);
		expect(ballot?.choice).toBe('abstain');
		await room.as(room.moderator, { type: 'vote:close', motionId });
		expect((await room.motion(motionId)).outcome?.tally?.counts).toEqual({ yes: 0, no: 0, abstain: 1 });
	});

	it('[vote:secret-changes-at-once] a ballot cast and changed twice in one breath keeps the last change', async () => {
		const { room, a, motionId, receipt } = await secretVoteOfOne('楼道堆物清理办法');
		const rooms = server.ctx.services.meetingRooms;
		// Sent together: the changes after the first ballot are decided in one batch, in this order.
		const answers = await Promise.all(
			(['no', 'yes', 'no', 'abstain'] as const).map((choice) =>
				rooms.command(a.userId, room.meetingId, randomUUID(), cast(motionId, choice, { receipt }))
			)
		);
		expect(answers.map((x) => x.ok)).toEqual([true, true, true, true]);
		const box = await ballotBoxRepository(t.sql).contents(room.meetingId, motionId);
		expect(box.map((b) => b.choice)).toEqual(['abstain']);
	});

	it('[vote:secret-reopen-refused] a refused second opening of a vote leaves its ballot box as it was', async () => {
		const { room, a, motionId, receipt } = await secretVoteOfOne('公共收益使用办法');
		await room.as(a, cast(motionId, 'no', { receipt }));
		const rooms = server.ctx.services.meetingRooms;
		const send = (who: { userId: string }, command: MeetingCommand) =>
			rooms.command(who.userId, room.meetingId, randomUUID(), command);
		// Sent together: the opening and the change after the first command are decided in one batch.
		const [, reopened, changed] = await Promise.all([
			send(room.moderator, checkIn(a.memberId)),
			send(room.moderator, { type: 'vote:open', motionId, secret: true }),
			send(a, cast(motionId, 'yes', { receipt }))
		]);
		expect(!reopened!.ok && reopened!.error.code).toBe('motion-not-open');
		expect(changed!.ok || changed!.error.code).toBe(true);
		const box = await ballotBoxRepository(t.sql).contents(room.meetingId, motionId);
		expect(box.map((b) => b.choice)).toEqual(['yes']);
	});

	it('the secrecy check itself finds a link when there is one', () => {
		const identities = new Set(['m-1']);
		expect(linksVoterToChoice({ a: [{ voterId: 'm-1', choice: 'yes' }] }, identities)).toHaveLength(1);
		expect(linksVoterToChoice({ a: [{ voterId: 'm-1' }, { choice: 'yes' }] }, identities)).toEqual([]);
	});
});

/**
 * Every object in `value` that holds a choice and, anywhere inside it, a voter's identity. Open
 * ballots have such objects by design; a secret vote's traffic must have none.
 */
function linksVoterToChoice(value: unknown, identities: ReadonlySet<string>): unknown[] {
	const found: unknown[] = [];
	const mentions = (v: unknown): boolean =>
		typeof v === 'string'
			? identities.has(v)
			: Array.isArray(v)
				? v.some(mentions)
				: typeof v === 'object' && v !== null && Object.values(v).some(mentions);
	const walk = (v: unknown) => {
		if (Array.isArray(v)) return v.forEach(walk);
		if (typeof v !== 'object' || v === null) return;
		const record = v as Record<string, unknown>;
		if ('choice' in record && mentions(record)) found.push(record);
		Object.values(record).forEach(walk);
	};
	walk(value);
	return found;
}

describe('many voters at once', () => {
	for (const secret of [false, true]) {
		it(`2,000 ${secret ? 'secret' : 'open'} ballots cast concurrently, each sent twice, count once each`, async () => {
			const big = await seedLargeCouncil(t, 2_000);
			const rooms = server.ctx.services.meetingRooms;
			const send = (userId: string, command: MeetingCommand, commandId = randomUUID()) =>
				rooms.command(userId, big.meetingId, commandId, command);
			const item = agendaItem('业主大会表决', { kind: 'decision' });
			for (const c of [item, { type: 'meeting:open' } as const, { type: 'agenda:next' } as const]) {
				expect((await send(big.moderator.userId, c)).ok).toBe(true);
			}
			const checkIns = await Promise.all(big.voters.map((v) => send(v.userId, checkIn(v.memberId))));
			expect(checkIns.every((a) => a.ok)).toBe(true);
			const motionId = randomUUID();
			const itemId = (item as { itemId: string }).itemId;
			expect((await send(big.moderator.userId, propose(itemId, '续聘物业公司', motionId))).ok).toBe(true);
			expect((await send(big.moderator.userId, { type: 'vote:open', motionId, secret })).ok).toBe(true);

			const options = ['yes', 'no', 'abstain'] as const;
			const ballots = big.voters.map((v, i) => ({
				voter: v,
				commandId: randomUUID(),
				command: cast(motionId, options[i % 3]!, { receipt: newReceipt() })
			}));
			// Every ballot goes twice under the same command id, as a client retrying after a lost ack does.
			const answers = await Promise.all(
				[...ballots, ...ballots].map((b) => send(b.voter.userId, b.command, b.commandId))
			);
			expect(answers.filter((a) => !a.ok)).toEqual([]);
			expect((await send(big.moderator.userId, { type: 'vote:close', motionId })).ok).toBe(true);

			const log = await eventLogRepository(t.sql).readSince(big.meetingId, 0, 100_000);
			const ballotFacts = log.filter((e) => e.type === (secret ? 'ballot:turnout' : 'ballot:cast'));
			expect(ballotFacts).toHaveLength(2_000);
			expect(new Set(ballotFacts.map((e) => (e.payload as { voterId: string }).voterId)).size).toBe(2_000);
			const close = log.find((e) => e.type === 'vote:close')!.payload as { tally: { counts: object } };
			expect(close.tally.counts).toEqual({ yes: 667, no: 667, abstain: 666 });
			if (secret)
				expect(await ballotBoxRepository(t.sql).contents(big.meetingId, motionId)).toHaveLength(2_000);
		}, 120_000);
	}
});

describe('turnout on the wire', () => {
	it('a large vote’s turnout reaches every screen packed, and unpacks to exactly the record', async () => {
		const big = await seedLargeCouncil(t, 300);
		const rooms = server.ctx.services.meetingRooms;
		const send = async (userId: string, command: MeetingCommand) => {
			const answer = await rooms.command(userId, big.meetingId, randomUUID(), command);
			if (!answer.ok) throw new Error(`${command.type}: ${answer.error.code}`);
		};
		const item = agendaItem('业主大会表决', { kind: 'decision' });
		for (const c of [item, { type: 'meeting:open' } as const, { type: 'agenda:next' } as const])
			await send(big.moderator.userId, c);
		await Promise.all(big.voters.map((v) => send(v.userId, checkIn(v.memberId))));
		const watcher = await MeetingClient.as({
			url: server.url,
			ctx: server.ctx,
			userId: big.moderator.userId,
			meetingId: big.meetingId
		});
		clients.push(watcher);
		const { seq: joinedAt, snapshot } = await watcher.joined();
		const motionId = randomUUID();
		await send(big.moderator.userId, propose((item as { itemId: string }).itemId, '续聘物业公司', motionId));
		await send(big.moderator.userId, { type: 'vote:open', motionId, secret: true });
		await Promise.all(
			big.voters.map((v, i) =>
				send(v.userId, cast(motionId, (['yes', 'no'] as const)[i % 2]!, { receipt: newReceipt() }))
			)
		);
		await send(big.moderator.userId, { type: 'vote:close', motionId });
		const head = await eventLogRepository(t.sql).head(big.meetingId);
		await watcher.waitForSeq(head.seq);

		const log = factsForWire(
			(await eventLogRepository(t.sql).readSince(big.meetingId, joinedAt, 100_000)).map(toFact)
		);
		expect(JSON.parse(JSON.stringify(watcher.receivedAfter(joinedAt)))).toEqual(
			JSON.parse(JSON.stringify(log))
		);
		const runs = watcher.wire.filter((f) => f.type === 'ballot:turnout-run');
		expect(runs.length).toBeGreaterThan(0);
		const packed = runs.flatMap((r) => (r.type === 'ballot:turnout-run' ? r.voters : [])).length;
		const loose = watcher.wire.filter((f) => f.type === 'ballot:turnout').length;
		expect(packed + loose).toBe(300);
		expect(packed).toBeGreaterThan(loose);
		const turnout = log.filter((f) => f.type === 'ballot:turnout');
		expect(JSON.stringify(runs).length * 10).toBeLessThan(JSON.stringify(turnout).length);
		expect(folded(snapshot!, watcher.receivedAfter(joinedAt))).toEqual(await watcher.state());
	}, 60_000);
});

describe('the record is tamper-evident', () => {
	it('reports the exact entry that was edited, on the page service and from the command line', async () => {
		const room = await openMeeting(['member', 'member']);
		const [a] = room.members;
		await room.as(room.moderator, checkIn(room.moderator.memberId));
		await room.as(a!, checkIn(a!.memberId));
		const motionId = randomUUID();
		await room.as(a!, propose(room.itemId, '原文', motionId));
		const intact = await server.ctx.services.records.verify(a!.userId, room.meetingId);
		expect(intact.ok && intact.value).toMatchObject({ intact: true, firstBrokenSeq: null });
		const [proposed] = await t.sql<{ seq: number }[]>`
			select seq from meeting_event where meeting_id = ${room.meetingId} and type = 'motion:propose'`;
		await tamper(room.meetingId, proposed!.seq, '篡改后的文本');
		const broken = await server.ctx.services.records.verify(a!.userId, room.meetingId);
		expect(broken.ok && broken.value).toMatchObject({ intact: false, firstBrokenSeq: proposed!.seq });
		const stranger = await seedMeeting(t, []);
		const refused = await server.ctx.services.records.verify(stranger.moderator.userId, room.meetingId);
		expect(refused.ok).toBe(false);
	});

	it('`npm run verify` exits 0 on an intact record and 2 naming the edited entry', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'yishi-verify-'));
		try {
			const db = await openEmbedded(dir);
			await migrate(db.sql);
			const { meetingId, moderator } = await seedMeeting(servicesOver(db.sql), []);
			const log = eventLogRepository(db.sql);
			for (let seq = 0; seq < 5; seq++) {
				await log.append({
					meetingId,
					expectedSeq: seq,
					occurredAt: new Date(),
					events: [
						{
							type: 'attendance:check-in',
							payload: { memberId: moderator.memberId, mode: 'remote' },
							actorId: null
						}
					]
				});
			}
			await tamperWith(db.sql, meetingId, 3, 'in-person');
			await db.close();
			const cli = spawnSync('npx', ['tsx', 'server/verify.ts', meetingId], {
				env: { ...withoutDatabaseUrl(process.env), DATA_DIR: dir, YISHI_LOG: 'silent' },
				encoding: 'utf8'
			});
			expect(cli.status).toBe(2);
			expect(cli.stdout).toContain('BROKEN at seq 3 of 5');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});

/** Edits a stored event in place, as someone with database access could. */
async function tamper(meetingId: string, seq: number, text: string) {
	await t.sql.begin(async (tx) => {
		await tx`alter table meeting_event disable trigger meeting_event_no_update`;
		await tx`update meeting_event set payload = jsonb_set(payload, '{text}', ${tx.json(text)})
			where meeting_id = ${meetingId} and seq = ${seq}`;
		await tx`alter table meeting_event enable trigger meeting_event_no_update`;
	});
}

async function tamperWith(sql: Seedable['sql'], meetingId: string, seq: number, mode: string) {
	await sql.begin(async (tx) => {
		await tx`alter table meeting_event disable trigger meeting_event_no_update`;
		await tx`update meeting_event set payload = jsonb_set(payload, '{mode}', ${tx.json(mode)})
			where meeting_id = ${meetingId} and seq = ${seq}`;
		await tx`alter table meeting_event enable trigger meeting_event_no_update`;
	});
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { DATABASE_URL: _, ...rest } = env;
	return rest;
}

/** Stores a paragraph in a living document as an editor's update would be stored. */
async function writeText(documentId: string, text: string) {
	const doc = new Y.Doc();
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	doc.getXmlFragment('content').push([paragraph]);
	await documentRepository(t.sql).appendLivingUpdate(
		documentRoomName(documentId),
		Y.encodeStateAsUpdate(doc)
	);
	doc.destroy();
}
