import { CouncilAction } from '../../domain/council/permission';
import { decide, type MeetingActor } from '../../domain/meeting/decide';
import { evolve, foldMeeting } from '../../domain/meeting/evolve';
import { ownedFold } from '../../domain/meeting/transient';
import type { MeetingCommand } from '../../domain/meeting/meeting-command';
import type { MeetingRules, RecordedFact } from '../../domain/meeting/meeting-events';
import { initialMeetingState, MeetingStatus, type MeetingState } from '../../domain/meeting/meeting-state';
import { toWeightCents, type RosterEntry } from '../../domain/meeting/roster';
import { GENESIS_HASH, type MeetingEvent, type NewMeetingEvent } from '../../domain/log/meeting-event';
import type { OpenBallot, PublishedSecretBallot } from '../../domain/voting/motion';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import { councilRepository } from '../repositories/council.repository';
import {
	chainBatch,
	eventLogRepository,
	type AppendError,
	type Appended,
	type LogHead
} from '../repositories/event-log.repository';
import { meetingRepository } from '../repositories/meeting.repository';
import { memberRepository } from '../repositories/member.repository';
import { followUpRepository } from '../repositories/follow-up.repository';
import { Uuid } from '../../protocol/council.schema';
import { authorise } from './council-access';
import { ballotBoxRepository, type BallotBoxWrite } from '../repositories/ballot-box.repository';
import { projectionsOf } from './fact-projections';
import { SecretBallots } from './secret-ballots';
import type { ServiceDeps } from './deps';

export type MeetingRoomError = ErrorCode;

interface Room {
	meetingId: string;
	councilId: string;
	state: MeetingState;
	/** The log's last event as `state` knows it: what the next append chains to. */
	head: LogHead;
	/** Commands on one meeting are decided one at a time in this process. */
	tail: Promise<unknown>;
	/** Commands waiting to be decided; whatever has gathered is decided and appended together. */
	queue: Pending[];
	drainScheduled: boolean;
	/** When a command or join last asked for this meeting (this process's clock). */
	lastUsed: number;
	/**
	 * The facts of commands this process applied lately, by command id: a crowd's retries are
	 * answered from here instead of the log (anything else is looked up there, as before).
	 */
	applied: Map<string, RecordedFact[]>;
	/** The secret ballot box's receipt tags by motion as they stood at `seq` (saves a read per batch). */
	boxTags: { seq: number; byMotion: ReadonlyMap<string, ReadonlySet<string>> } | null;
	/**
	 * Commands queued or being decided here, by id, with the copies of each that arrived meanwhile
	 * (a retry sent before the first answer came back): those share the first one's answer.
	 */
	inFlight: Map<string, Follower[]>;
	/** Batches decided and being written, oldest first; each is decided on the state the one before leaves. */
	flights: Flight[];
	/** A batch failed: the state is caught up from the log before anything more is decided. */
	stale: boolean;
	/** The commands of failed batches, in order, to be decided again once the state has caught up. */
	redo: Pending[];
	/** Wakes a drain waiting for a batch to gather (see readyToDecide). */
	gathered: (() => void) | null;
}

/** The state a batch is decided on, with the log's head and the ballot box's tags there. */
interface Base {
	state: MeetingState;
	head: LogHead;
	boxTags: Room['boxTags'];
}

interface Group {
	commandId: string;
	events: NewMeetingEvent[];
	pending: Pending;
}

/** A batch that has been decided and is being written; its commands are answered once it is stored. */
interface Flight {
	batch: readonly Pending[];
	/** The answers decided; those of `unsure` stand unless the log shows the command applied before. */
	answers: Map<Pending, Result<CommandAnswer, MeetingRoomError>>;
	groups: Group[];
	/** Commands refused or decided to do nothing: maybe retries of commands applied before. */
	unsure: Pending[];
	noOps: string[];
	after: Base;
	write: Promise<{ appended: Result<Appended, AppendError> } | { error: unknown }>;
	/** Once the batch has been answered (or handed back to the queue). */
	settled: Promise<void>;
	/** An earlier batch failed, so this one fails too; its commands were put back in the queue. */
	abandoned: boolean;
}

interface Follower {
	resolve: (answer: Result<CommandAnswer, MeetingRoomError>) => void;
	reject: (error: unknown) => void;
}

interface Pending {
	actor: MeetingActor;
	commandId: string;
	command: MeetingCommand;
	resolve: (answer: Result<CommandAnswer, MeetingRoomError>) => void;
	reject: (error: unknown) => void;
	/** How many times the command's batch failed to be stored because the log had moved on. */
	attempts: number;
}

/**
 * `after` is the meeting's state after the facts; `more`, whether further commands were waiting or
 * being stored then (a crowd still arriving).
 */
export type FactsListener = (
	meetingId: string,
	facts: readonly RecordedFact[],
	after: MeetingState,
	more: boolean
) => void;

export interface JoinAnswer {
	councilId: string;
	actor: MeetingActor;
	/** The whole state when the client has none (or is too far behind); else only what it missed. */
	snapshot: MeetingState | null;
	events: RecordedFact[];
	seq: number;
	/** The meeting's state at `seq` (whether or not the client is sent it). */
	state: MeetingState;
}

export interface CommandAnswer {
	councilId: string;
	events: RecordedFact[];
	/**
	 * The command had been applied before (a retry under the same commandId): `events` are that first
	 * result, already announced to the room then, so they are not news to anyone but the sender.
	 */
	replayed: boolean;
}

/** How many times a command is re-decided when another instance appended first. */
const MAX_ATTEMPTS = 5;
/**
 * Batches being written at once per meeting: while one is stored the next is decided on the state
 * it leaves and sent, so a crowd's ballots are stored while the rest are still arriving.
 */
const MAX_IN_FLIGHT = 3;
/** Commands that, gathered while a batch is being written, are decided and sent without waiting for it. */
const PIPELINED_BATCH = 200;
/**
 * Commands decided on the state of batches not yet stored: those whose deciding reads nothing from
 * the database that such a batch writes. Any other waits until every batch before it is stored (a
 * vote's close counts the ballot box).
 */
const CROWD_COMMANDS: ReadonlySet<MeetingCommand['type']> = new Set([
	'ballot:cast',
	'attendance:check-in',
	'attendance:leave'
]);
/**
 * Memberships change through the member service, whose events (relayed between instances) make
 * the room forget at once; this only bounds a change made behind the service's back (by hand in
 * the database). Long, because a vote opening an hour into a meeting must not read 2,000 of them.
 */
const ACTOR_TTL_MS = 6 * 60 * 60_000;
const MAX_REMEMBERED_ACTORS = 50_000;
/** Most commands decided and appended in one transaction (group commit). */
const MAX_BATCH = 1_000;
const CATCH_UP_LIMIT = 2_000;
/** Commands whose facts a meeting's room remembers (see Room.applied): two crowds' worth. */
const REMEMBERED_COMMANDS = 10_000;
/**
 * A meeting nobody has asked for this long is let go from memory; the next join or command reads
 * it back from the log. Letting go mid-command is safe: the log decides, as between instances.
 */
const IDLE_ROOM_MS = 30 * 60_000;
const SWEEP_EVERY_MS = 60_000;

export const toFact = (e: MeetingEvent): RecordedFact =>
	({
		type: e.type,
		payload: e.payload,
		seq: e.seq,
		actorId: e.actorId,
		occurredAt: e.occurredAt
	}) as RecordedFact;

/**
 * The live state of each meeting, kept in memory and folded forward from the log. Decisions are
 * made by the pure core; the log is the truth, so a stale copy just catches up and decides again.
 */
export function meetingRoomService(deps: ServiceDeps) {
	const { sql } = deps;
	const log = eventLogRepository(sql);
	const rooms = new Map<string, Promise<Room | null>>();
	const box = ballotBoxRepository(sql);
	const listeners = new Set<FactsListener>();

	async function open(meetingId: string): Promise<Room | null> {
		const meeting = await meetingRepository(sql).findById(meetingId);
		if (!meeting) return null;
		const room: Room = {
			meetingId,
			councilId: meeting.councilId,
			state: initialMeetingState,
			head: { seq: 0, hash: GENESIS_HASH },
			tail: Promise.resolve(),
			queue: [],
			drainScheduled: false,
			lastUsed: Date.now(),
			applied: new Map(),
			boxTags: null,
			inFlight: new Map(),
			flights: [],
			stale: false,
			redo: [],
			gathered: null
		};
		await catchUp(room);
		return room;
	}

	let lastSweep = Date.now();
	/** Lets go of every meeting idle for `idleMs`; how many it let go. */
	async function evictIdle(idleMs: number): Promise<number> {
		const now = Date.now();
		lastSweep = now;
		let evicted = 0;
		for (const [meetingId, loading] of [...rooms]) {
			const r = await loading.catch(() => null);
			if (
				r &&
				now - r.lastUsed >= idleMs &&
				r.queue.length === 0 &&
				r.flights.length === 0 &&
				r.redo.length === 0 &&
				rooms.get(meetingId) === loading
			) {
				rooms.delete(meetingId);
				evicted++;
			}
		}
		return evicted;
	}

	async function room(meetingId: string): Promise<Room | null> {
		if (Date.now() - lastSweep > SWEEP_EVERY_MS) void evictIdle(IDLE_ROOM_MS);
		const r = await loadRoom(meetingId);
		if (r) r.lastUsed = Date.now();
		return r;
	}

	function loadRoom(meetingId: string): Promise<Room | null> {
		let loading = rooms.get(meetingId);
		if (!loading) {
			loading = open(meetingId);
			rooms.set(meetingId, loading);
			loading.then(
				(r) => r ?? rooms.delete(meetingId),
				() => rooms.delete(meetingId)
			);
		}
		return loading;
	}

	async function catchUp(r: Room): Promise<RecordedFact[]> {
		const fresh: RecordedFact[] = [];
		for (;;) {
			const events = await log.readSince(r.meetingId, r.state.seq, CATCH_UP_LIMIT);
			const batch = events.map(toFact);
			r.state = foldMeeting(batch, r.state);
			const last = events.at(-1);
			if (last) r.head = { seq: last.seq, hash: last.hash };
			fresh.push(...batch);
			if (batch.length < CATCH_UP_LIMIT) return fresh;
		}
	}

	async function lookUpActor(userId: string, councilId: string): Promise<Result<MeetingActor, ErrorCode>> {
		const access = await authorise(sql, userId, councilId, CouncilAction.view);
		if (!access.ok) return access;
		const member = access.value.member!;
		return ok({ userId, role: member.role, memberId: member.id });
	}

	/**
	 * Who someone is in a council, remembered: a vote of thousands would otherwise read the
	 * membership once per ballot. A revocation or role change, on this instance or another, forgets
	 * at once (see ACTOR_TTL_MS).
	 */
	const actors = new Map<string, { until: number; actor: Promise<Result<MeetingActor, ErrorCode>> }>();
	const forget = ({ councilId, userId }: { councilId: string; userId: string }) =>
		actors.delete(`${userId}/${councilId}`);
	deps.events.on('membership:revoked', forget);
	deps.events.on('membership:changed', forget);
	deps.events.on('membership:all-stale', () => actors.clear());
	function actorIn(userId: string, councilId: string): Promise<Result<MeetingActor, ErrorCode>> {
		const key = `${userId}/${councilId}`;
		const now = Date.now();
		const known = actors.get(key);
		if (known && known.until > now) return known.actor;
		if (actors.size > MAX_REMEMBERED_ACTORS) actors.clear();
		const actor = lookUpActor(userId, councilId);
		actors.set(key, { until: now + ACTOR_TTL_MS, actor });
		// Refusals and failures are not remembered: the next command asks again.
		actor.then(
			(a) => a.ok || actors.delete(key),
			() => actors.delete(key)
		);
		return actor;
	}

	async function currentRoster(councilId: string): Promise<RosterEntry[]> {
		const members = await memberRepository(sql).listByCouncil(councilId);
		return members
			.filter((m) => m.revokedAt === null)
			.map((m) => ({
				memberId: m.id,
				userId: m.userId,
				name: m.name,
				role: m.role,
				weightCents: toWeightCents(m.voteWeight),
				constituency: m.constituency
			}));
	}

	/**
	 * The council's roster and rules as the pure core needs them. Opening a meeting freezes both
	 * into its record and the core decides from that copy ever after, so only a meeting that has not
	 * opened reads them from the council (a roster is a query over every member: the cost of each
	 * command in a large meeting, on the path to its broadcast).
	 */
	async function councilNow(
		r: Room,
		state: MeetingState
	): Promise<{ roster: readonly RosterEntry[]; rules: MeetingRules | null }> {
		const { status, roster, rules } = state;
		if (status !== MeetingStatus.scheduled && rules) return { roster, rules };
		const [current, councilRules] = await Promise.all([
			currentRoster(r.councilId),
			councilRepository(sql).findMeetingRules(r.councilId)
		]);
		return { roster: current, rules: councilRules };
	}

	/** A task this meeting created, or one of the council's from earlier meetings (matters arising). */
	async function taskOfCouncil(r: Room, taskId: string): Promise<boolean> {
		if (r.state.followUps.some((t) => t.taskId === taskId)) return true;
		if (!Uuid.safeParse(taskId).success) return false;
		return (await followUpRepository(sql).findInCouncil(r.councilId, taskId)) !== null;
	}

	/** Runs `task` after every earlier command on this meeting has finished (in this process). */
	function serialise<T>(r: Room, task: () => Promise<T>): Promise<T> {
		const run = r.tail.then(task, task);
		r.tail = run.catch(() => {});
		return run;
	}

	function scheduleDrain(r: Room) {
		if (r.drainScheduled || (r.queue.length === 0 && r.redo.length === 0)) return;
		r.drainScheduled = true;
		void serialise(r, async () => {
			try {
				await readyToDecide(r);
			} catch (error) {
				// The state could not catch up (the database is out of reach): what waits is answered
				// with that, as a failed batch would be, and the next command tries again.
				r.drainScheduled = false;
				for (const p of r.queue.splice(0)) p.reject(error);
				return;
			}
			r.drainScheduled = false;
			const batch = r.queue.splice(0, MAX_BATCH);
			scheduleDrain(r);
			if (batch.length === 0) return;
			await decideBatch(r, batch).catch((error: unknown) => {
				for (const p of batch) p.reject(error);
			});
		});
	}

	/**
	 * Waits until the next batch may be decided: after the catch-up a failed one calls for, and while
	 * others are being written, once there is room among them and enough has gathered to be worth a
	 * transaction of its own (else when the oldest is through: group commit, as without them).
	 */
	async function readyToDecide(r: Room) {
		while (r.flights.length >= MAX_IN_FLIGHT || (r.flights.length > 0 && r.queue.length < PIPELINED_BATCH)) {
			const gathered = new Promise<void>((resolve) => (r.gathered = resolve));
			await Promise.race([r.flights[0]!.settled, gathered]);
			r.gathered = null;
		}
		const crowd = r.queue.slice(0, MAX_BATCH).every((p) => CROWD_COMMANDS.has(p.command.type));
		if (r.stale || !crowd) await settledAll(r);
		if (r.stale) {
			r.queue.unshift(...r.redo.splice(0));
			await catchUp(r);
			r.stale = false;
		}
	}

	/** Once every batch being written has been answered. */
	async function settledAll(r: Room) {
		while (r.flights.length > 0) await r.flights.at(-1)!.settled;
	}

	function remember(r: Room, commandId: string, facts: RecordedFact[]) {
		r.applied.set(commandId, facts);
		if (r.applied.size > REMEMBERED_COMMANDS) r.applied.delete(r.applied.keys().next().value!);
	}

	/**
	 * Decides every command of the batch in arrival order against the state the earlier ones leave,
	 * starting from the state the batches still being written will leave (or the stored one), then
	 * sends its facts (and ballot-box writes, and projections) to be appended in one transaction.
	 * The answers wait for that transaction and for every batch before it (see settle).
	 *
	 * Whether a command was applied before (a retry after a lost answer) is not asked first: the
	 * state already holds what it did, so it is refused or does nothing, and the append then looks
	 * such commands up in the log; one accepted again fails the append on its command record, and
	 * its batch is decided again after asking (`attempts`).
	 */
	async function decideBatch(r: Room, batch: readonly Pending[]): Promise<void> {
		const base = r.flights.at(-1)?.after ?? { state: r.state, head: r.head, boxTags: r.boxTags };
		const { roster, rules } = await councilNow(r, base.state);
		const retried = batch.filter((p) => p.attempts > 0).map((p) => p.commandId);
		const applied = await log.eventsOfCommands(r.meetingId, retried);
		const answers = new Map<Pending, Result<CommandAnswer, MeetingRoomError>>();
		const groups: Group[] = [];
		const unsure: Pending[] = [];
		/** Commands decided to do nothing, remembered as applied once the batch is through. */
		const noOps: string[] = [];
		const writes: BallotBoxWrite[] = [];
		const secret = new SecretBallots(
			box,
			r.meetingId,
			base.boxTags?.seq === base.state.seq ? base.boxTags.byMotion : undefined
		);
		let state = base.state;
		// The states between commands are dropped, so the batch folds transiently (the base stays as
		// it was).
		const owned = ownedFold();
		// One time for the whole batch, so the state folded while deciding is exactly the fold of what
		// gets stored, and need not be folded again.
		const decidedAt = deps.now();
		// Each command id is here once (copies wait on the first, see `inFlight`), and none of them is
		// in `r.applied` (those are answered on arrival).
		for (const p of batch) {
			const earlier = applied.get(p.commandId)?.map(toFact);
			if (earlier) {
				remember(r, p.commandId, earlier);
				answers.set(p, ok({ councilId: r.councilId, events: earlier, replayed: true }));
				continue;
			}
			const ballot = await secret.context(state, p.command);
			const decided = decide(state, p.command, { actor: p.actor, roster, rules: rules!, ballot });
			if (!decided.ok) {
				answers.set(p, decided);
				if (p.attempts === 0) unsure.push(p);
				continue;
			}
			const write = secret.writeFor(state, p.command, p.actor.memberId, ballot, decided.value);
			if (write) writes.push(write);
			// A fact-less command that changed the ballot box is recorded with the batch (as a group
			// without events), so a late retry after a later change cannot change the box back.
			if (decided.value.length === 0 && !write) {
				noOps.push(p.commandId);
				answers.set(p, ok({ councilId: r.councilId, events: [], replayed: false }));
				if (p.attempts === 0) unsure.push(p);
				continue;
			}
			groups.push({
				commandId: p.commandId,
				events: decided.value.map((f) => ({ type: f.type, payload: f.payload, actorId: p.actor.userId })),
				pending: p
			});
			state = decided.value.reduce(
				(s, f) =>
					evolve(
						s,
						{
							...f,
							seq: s.seq + 1,
							actorId: p.actor.userId,
							occurredAt: decidedAt.toISOString()
						} as RecordedFact,
						owned
					),
				state
			);
		}
		const lookUp = unsure.map((p) => p.commandId);
		let write: Promise<Result<Appended, AppendError>>;
		let head = base.head;
		if (groups.length > 0) {
			const chained = chainBatch({ meetingId: r.meetingId, head: base.head, occurredAt: decidedAt, groups });
			const last = chained.events.at(-1);
			if (last) head = { seq: last.seq, hash: last.hash };
			const projections = projectionsOf(chained.events);
			write = log.appendBatch(chained, {
				statements: (tx) => ballotBoxRepository(tx).write(r.meetingId, writes),
				after:
					projections.length === 0
						? undefined
						: async (tx, stored) => {
								const recorded = stored.map(toFact);
								const meeting = { meetingId: r.meetingId, councilId: r.councilId };
								for (const { project } of projections) await project(tx, meeting, recorded);
							},
				lookUp
			});
		} else {
			write = log.eventsOfCommands(r.meetingId, lookUp).then((earlier) => ok({ stored: [], earlier }));
		}
		const flight: Flight = {
			batch,
			answers,
			groups,
			unsure,
			noOps,
			after: { state, head, boxTags: { seq: state.seq, byMotion: secret.knownTags() } },
			write: write.then(
				(appended) => ({ appended }),
				(error: unknown) => ({ error })
			),
			settled: Promise.resolve(),
			abandoned: false
		};
		const before = r.flights.at(-1)?.settled ?? Promise.resolve();
		r.flights.push(flight);
		flight.settled = before
			.then(() => settle(r, flight))
			.catch((error: unknown) => {
				for (const p of batch) p.reject(error);
			});
		// A batch that records commands without facts is not covered by the next one's check of the
		// log's head should it fail, so nothing is decided on top of it until it is stored.
		if (groups.length > 0 && head === base.head) await flight.settled;
	}

	/**
	 * Puts commands whose batch failed (or followed one that failed) aside, in order, until the
	 * state has caught up; a command that failed too often is answered as such.
	 */
	function redo(r: Room, batch: readonly Pending[]) {
		for (const p of batch) {
			if (++p.attempts < MAX_ATTEMPTS) r.redo.push(p);
			else p.resolve(fail('seq-conflict', 'The meeting is very busy; please try again.'));
		}
	}

	/**
	 * Answers a batch once its transaction and every earlier batch's are through. If it failed, the
	 * batches after it fail too (their transactions chain to its facts) and are abandoned: their
	 * commands go back to the front of the queue, in order, to be decided again after a catch-up.
	 * (One abandoned whose transaction went through all the same, after a connection lost at its
	 * COMMIT, is decided again as retries: its commands are found applied.)
	 */
	async function settle(r: Room, f: Flight): Promise<void> {
		const outcome = await f.write;
		r.flights.shift();
		if (f.abandoned || 'error' in outcome || !outcome.appended.ok) {
			if ('error' in outcome && !f.abandoned) for (const p of f.batch) p.reject(outcome.error);
			else redo(r, f.batch);
			if (!f.abandoned) {
				for (const l of r.flights) l.abandoned = true;
				r.stale = true;
			}
			scheduleDrain(r);
			return;
		}
		const { stored: events, earlier } = outcome.appended.value;
		r.state = f.after.state;
		r.head = f.after.head;
		r.boxTags = f.after.boxTags;
		for (const id of f.noOps) if (!earlier.has(id)) remember(r, id, []);
		for (const p of f.unsure) {
			const facts = earlier.get(p.commandId)?.map(toFact);
			if (!facts) continue;
			remember(r, p.commandId, facts);
			f.answers.set(p, ok({ councilId: r.councilId, events: facts, replayed: true }));
		}
		const stored = events.map(toFact);
		let at = 0;
		for (const g of f.groups) {
			const mine = stored.slice(at, at + g.events.length);
			at += g.events.length;
			remember(r, g.commandId, mine);
			f.answers.set(g.pending, ok({ councilId: r.councilId, events: mine, replayed: false }));
		}
		for (const [p, a] of f.answers) p.resolve(a);
		// Acknowledgements first: the broadcast of a large batch to a large room takes a while, and
		// the senders are waiting. setImmediate keeps batches' broadcasts in log order.
		const after = r.state;
		if (stored.length > 0)
			setImmediate(() => {
				const more = r.queue.length + r.flights.length + r.redo.length > 0;
				listeners.forEach((listener) => listener(r.meetingId, stored, after, more));
			});
	}

	/**
	 * The meeting's room and who this person is in its council, or why not; with `caughtUp`, once the
	 * room holds everything the log does (after the commands already queued here).
	 */
	async function enter(
		userId: string,
		meetingId: string,
		o: { caughtUp?: boolean } = {}
	): Promise<Result<{ r: Room; actor: MeetingActor }, MeetingRoomError>> {
		const r = await room(meetingId);
		if (!r) return fail('not-found', 'No such meeting.');
		const actor = await actorIn(userId, r.councilId);
		if (!actor.ok) return actor;
		if (o.caughtUp)
			await serialise(r, async () => {
				await settledAll(r);
				await catchUp(r);
			});
		return ok({ r, actor: actor.value });
	}

	return {
		/** Whether this person may follow the meeting; the council it belongs to if so. */
		async admit(userId: string, meetingId: string): Promise<Result<string, MeetingRoomError>> {
			const entered = await enter(userId, meetingId);
			return entered.ok ? ok(entered.value.r.councilId) : entered;
		},

		async join(
			userId: string,
			meetingId: string,
			since?: number
		): Promise<Result<JoinAnswer, MeetingRoomError>> {
			const entered = await enter(userId, meetingId, { caughtUp: true });
			if (!entered.ok) return entered;
			const { r, actor } = entered.value;
			const base = { councilId: r.councilId, actor, seq: r.state.seq, state: r.state };
			if (since !== undefined && since <= r.state.seq && r.state.seq - since <= CATCH_UP_LIMIT) {
				const events = (await log.readSince(meetingId, since, CATCH_UP_LIMIT)).map(toFact);
				return ok({ ...base, snapshot: null, events: events.filter((e) => e.seq <= base.seq) });
			}
			return ok({ ...base, snapshot: r.state, events: [] });
		},

		async command(
			userId: string,
			meetingId: string,
			commandId: string,
			command: MeetingCommand
		): Promise<Result<CommandAnswer, MeetingRoomError>> {
			const entered = await enter(userId, meetingId);
			if (!entered.ok) return entered;
			const { r, actor } = entered.value;
			if (command.type === 'task:update' && !(await taskOfCouncil(r, command.taskId)))
				return fail('not-found', 'This council has no follow-up task with that id.');
			const remembered = r.applied.get(commandId);
			if (remembered) return ok({ councilId: r.councilId, events: remembered, replayed: true });
			return new Promise((resolve, reject) => {
				const copies = r.inFlight.get(commandId);
				if (copies) {
					copies.push({ resolve, reject });
					return;
				}
				const followers: Follower[] = [];
				r.inFlight.set(commandId, followers);
				const settled = () => r.inFlight.get(commandId) === followers && r.inFlight.delete(commandId);
				r.queue.push({
					actor,
					commandId,
					command,
					attempts: 0,
					resolve: (answer) => {
						settled();
						resolve(answer);
						const replayed = answer.ok ? ok({ ...answer.value, replayed: true }) : answer;
						for (const f of followers) f.resolve(replayed);
					},
					reject: (error) => {
						settled();
						reject(error);
						for (const f of followers) f.reject(error);
					}
				});
				scheduleDrain(r);
				if (r.queue.length >= PIPELINED_BATCH) r.gathered?.();
			});
		},

		/**
		 * A closed vote's published ballots: receipt tags with choices for a secret vote, named ballots
		 * for an open one. Served apart from the live facts (see wire-view.ts).
		 */
		async publishedBallots(
			userId: string,
			meetingId: string,
			motionId: string
		): Promise<
			Result<
				{ councilId: string; receipts: PublishedSecretBallot[]; ballots: OpenBallot[] },
				MeetingRoomError
			>
		> {
			const entered = await enter(userId, meetingId, { caughtUp: true });
			if (!entered.ok) return entered;
			const { r } = entered.value;
			const motion = r.state.motions.find((m) => m.id === motionId);
			if (!motion?.outcome || !motion.vote) return fail('not-found', 'No vote on that motion has closed.');
			const ballots = Object.values(motion.vote.ballots);
			return ok({ councilId: r.councilId, receipts: motion.outcome.receipts, ballots });
		},

		/** Lets go of meetings idle for `idleMs` (done every minute for 30 minutes' idleness). */
		evictIdle,

		/** Called once per appended batch, in log order, with the facts everyone in the room should hear. */
		onFacts(listener: FactsListener): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	};
}
