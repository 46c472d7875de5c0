import { CouncilAction } from '../../domain/council/permission';
import { decide, type MeetingActor } from '../../domain/meeting/decide';
import { evolve, foldMeeting } from '../../domain/meeting/evolve';
import { ownedFold } from '../../domain/meeting/transient';
import type { MeetingCommand } from '../../domain/meeting/meeting-command';
import type { MeetingRules, RecordedFact } from '../../domain/meeting/meeting-events';
import { initialMeetingState, MeetingStatus, type MeetingState } from '../../domain/meeting/meeting-state';
import { toWeightCents, type RosterEntry } from '../../domain/meeting/roster';
import type { MeetingEvent, NewMeetingEvent } from '../../domain/log/meeting-event';
import type { OpenBallot, PublishedSecretBallot } from '../../domain/voting/motion';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import { councilRepository } from '../repositories/council.repository';
import { eventLogRepository } from '../repositories/event-log.repository';
import { meetingRepository } from '../repositories/meeting.repository';
import { memberRepository } from '../repositories/member.repository';
import { followUpRepository } from '../repositories/follow-up.repository';
import { Uuid } from '../../protocol/council.schema';
import { authorise } from './council-access';
import { ballotBoxRepository, type BallotBoxWrite } from '../repositories/ballot-box.repository';
import { FACT_PROJECTIONS } from './fact-projections';
import { SecretBallots } from './secret-ballots';
import type { ServiceDeps } from './deps';

export type MeetingRoomError = ErrorCode;

interface Room {
	meetingId: string;
	councilId: string;
	state: MeetingState;
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
	/** Whether a look-up of queued commands in the log is under way (see lookAhead). */
	lookingAhead: boolean;
	/** How many times `state` took in facts another instance appended. */
	catchUps: number;
	/**
	 * Commands queued or being decided here, by id, with the copies of each that arrived meanwhile
	 * (a retry sent before the first answer came back): those share the first one's answer.
	 */
	inFlight: Map<string, Follower[]>;
}

interface Follower {
	resolve: (answer: Result<CommandAnswer, MeetingRoomError>) => void;
	reject: (error: unknown) => void;
}

type AppliedCommands = Map<string, MeetingEvent[]>;

interface Pending {
	actor: MeetingActor;
	commandId: string;
	command: MeetingCommand;
	resolve: (answer: Result<CommandAnswer, MeetingRoomError>) => void;
	reject: (error: unknown) => void;
	/**
	 * A look-up, made while this command waited, of whether it was applied before (null if it
	 * failed); `catchUps` as it began.
	 */
	applied?: { found: Promise<AppliedCommands | null>; catchUps: number };
}

/** `after` is the meeting's state after the facts. */
export type FactsListener = (meetingId: string, facts: readonly RecordedFact[], after: MeetingState) => void;

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
			tail: Promise.resolve(),
			queue: [],
			drainScheduled: false,
			lastUsed: Date.now(),
			applied: new Map(),
			boxTags: null,
			lookingAhead: false,
			catchUps: 0,
			inFlight: new Map()
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
			if (r && now - r.lastUsed >= idleMs && r.queue.length === 0 && rooms.get(meetingId) === loading) {
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
			const batch = (await log.readSince(r.meetingId, r.state.seq, CATCH_UP_LIMIT)).map(toFact);
			r.state = foldMeeting(batch, r.state);
			if (batch.length > 0) r.catchUps++;
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
		r: Room
	): Promise<{ roster: readonly RosterEntry[]; rules: MeetingRules | null }> {
		const { status, roster, rules } = r.state;
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
		if (r.drainScheduled || r.queue.length === 0) return;
		r.drainScheduled = true;
		void serialise(r, async () => {
			r.drainScheduled = false;
			const batch = r.queue.splice(0, MAX_BATCH);
			scheduleDrain(r);
			await decideBatch(r, batch).catch((error: unknown) => {
				for (const p of batch) p.reject(error);
			});
		});
	}

	/**
	 * Asks the log which queued commands were applied before while the batch ahead of them is being
	 * decided and written, so their batch need not wait for that question. One look-up at a time per
	 * meeting, each taking whatever queued since the last began. A look-up older than the state's
	 * last catch-up is not used: the state could hold a command the look-up did not see, which would
	 * then be decided again as if new (a retried check-in answered with nothing). A command applied
	 * elsewhere after a look-up that is used cannot be applied twice either: the state does not
	 * hold it yet, so the append's seq (or the command's record) is refused and the batch is decided
	 * again with a fresh look-up.
	 */
	function lookAhead(r: Room) {
		if (r.lookingAhead) return;
		const waiting = r.queue.filter((p) => !p.applied);
		if (waiting.length === 0) return;
		r.lookingAhead = true;
		const ids = waiting.map((p) => p.commandId);
		const looking = log.eventsOfCommands(r.meetingId, ids).then(
			(found) => found,
			() => null
		);
		for (const p of waiting) p.applied = { found: looking, catchUps: r.catchUps };
		void looking.then(() => {
			r.lookingAhead = false;
			lookAhead(r);
		});
	}

	/** Which of the batch's commands were applied before: from their look-ahead where it covers them. */
	async function appliedBefore(r: Room, batch: readonly Pending[], fresh: boolean): Promise<AppliedCommands> {
		const out: AppliedCommands = new Map();
		const unanswered: string[] = [];
		for (const p of batch) {
			const found = !fresh && p.applied?.catchUps === r.catchUps ? await p.applied.found : null;
			if (!found) unanswered.push(p.commandId);
			else if (found.has(p.commandId)) out.set(p.commandId, found.get(p.commandId)!);
		}
		if (unanswered.length === 0) return out;
		for (const [id, events] of await log.eventsOfCommands(r.meetingId, unanswered)) out.set(id, events);
		return out;
	}

	function remember(r: Room, commandId: string, facts: RecordedFact[]) {
		r.applied.set(commandId, facts);
		if (r.applied.size > REMEMBERED_COMMANDS) r.applied.delete(r.applied.keys().next().value!);
	}

	/**
	 * Decides every waiting command in arrival order against the state the earlier ones leave,
	 * then appends all their facts (and ballot-box writes, and projections) in one transaction. If
	 * another instance appended first, catches up and decides the whole batch again.
	 */
	async function decideBatch(r: Room, batch: readonly Pending[]): Promise<void> {
		const { roster, rules } = await councilNow(r);
		for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			const applied = await appliedBefore(r, batch, attempt > 0);
			const answers = new Map<Pending, Result<CommandAnswer, MeetingRoomError>>();
			const groups: { commandId: string; events: NewMeetingEvent[]; pending: Pending }[] = [];
			/** Commands decided to do nothing, remembered as applied once the batch is through. */
			const noOps: string[] = [];
			const writes: BallotBoxWrite[] = [];
			const secret = new SecretBallots(
				box,
				r.meetingId,
				r.boxTags?.seq === r.state.seq ? r.boxTags.byMotion : undefined
			);
			let state = r.state;
			// The states between commands are dropped, so the batch folds transiently (r.state stays
			// as it was until the append succeeds).
			const owned = ownedFold();
			// One time for the whole batch, so the state folded while deciding is exactly the fold
			// of what gets stored, and need not be folded again.
			const decidedAt = deps.now();
			// Each command id is here once (copies wait on the first, see `inFlight`), and none of them
			// is in `r.applied` (those are answered on arrival).
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
					continue;
				}
				const write = secret.writeFor(state, p.command, p.actor.memberId, ballot, decided.value);
				if (write) writes.push(write);
				// A fact-less command that changed the ballot box is recorded with the batch (as a group
				// without events), so a late retry after a later change cannot change the box back.
				if (decided.value.length === 0 && !write) {
					noOps.push(p.commandId);
					answers.set(p, ok({ councilId: r.councilId, events: [], replayed: false }));
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
			if (groups.length === 0) {
				for (const id of noOps) remember(r, id, []);
				for (const [p, a] of answers) p.resolve(a);
				return;
			}
			const appended = await log.appendBatch({
				meetingId: r.meetingId,
				expectedSeq: r.state.seq,
				occurredAt: decidedAt,
				groups,
				alsoWrite: async (tx, stored) => {
					await ballotBoxRepository(tx).write(r.meetingId, writes);
					const recorded = stored.map(toFact);
					for (const project of FACT_PROJECTIONS) {
						await project(tx, { meetingId: r.meetingId, councilId: r.councilId }, recorded);
					}
				}
			});
			if (!appended.ok) {
				await catchUp(r);
				continue;
			}
			const stored = appended.value.map(toFact);
			for (const id of noOps) remember(r, id, []);
			r.state = state;
			r.boxTags = { seq: state.seq, byMotion: secret.knownTags() };
			let at = 0;
			for (const g of groups) {
				const mine = stored.slice(at, at + g.events.length);
				at += g.events.length;
				remember(r, g.commandId, mine);
				answers.set(g.pending, ok({ councilId: r.councilId, events: mine, replayed: false }));
			}
			for (const [p, a] of answers) p.resolve(a);
			// Acknowledgements first: the broadcast of a large batch to a large room takes a while, and
			// the senders are waiting. setImmediate keeps batches' broadcasts in log order.
			const after = r.state;
			if (stored.length > 0)
				setImmediate(() => listeners.forEach((listener) => listener(r.meetingId, stored, after)));
			return;
		}
		for (const p of batch) p.resolve(fail('seq-conflict', 'The meeting is very busy; please try again.'));
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
		if (o.caughtUp) await serialise(r, () => catchUp(r));
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
				lookAhead(r);
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
