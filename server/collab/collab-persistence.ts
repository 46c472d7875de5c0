import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { docs, getYDoc, setPersistence } from '@y/websocket-server/utils';
import type { Pool } from '../../src/lib/server/db/database';
import { collabRepository } from '../../src/lib/server/repositories/collab.repository';
import type { Logger } from '../log';
import { listenForRelay, relayTag, type RelayListener } from './collab-relay';
import type { DocumentGate, Admission } from './inbound-guard';

/** Stored state being applied: it is in the database already. */
const LOADED = Symbol('loaded from the database');
/** Rows another instance appended: stored already, and that instance told its own editors. */
const RELAYED = Symbol('relayed from another instance');

/** A document is compacted after this many appended updates, or this long after its last compaction. */
export const COMPACT_EVERY_UPDATES = 500;
export const COMPACT_EVERY_MS = 30_000;
/** Largest stored size of one document (snapshot plus updates); updates beyond it are refused. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
/** Rows per insert statement: keeps the relay's id list well inside a notification's 8000 bytes. */
const BATCH_ROWS = 200;
/**
 * And at most about this many bytes (a single larger update goes alone): a statement of tens of
 * megabytes takes minutes to reach the embedded database (see migration 014), holding up every
 * other query behind it.
 */
const BATCH_BYTES = 1024 * 1024;
const BATCH_WINDOW_MS = 40;
const RETRY_DELAYS_MS = [100, 500, 2_000];

export interface CollabPersistenceOptions {
	/** Announce appended rows to other instances and apply theirs (a Postgres server, not PGlite). */
	relay: boolean;
	compactEveryUpdates?: number;
	compactEveryMs?: number;
}

interface Room {
	name: string;
	doc: Y.Doc;
	/** A copy that takes an incoming update first, so one that cannot apply never touches `doc`. */
	shadow: Y.Doc | null;
	loaded: Promise<void>;
	queue: Uint8Array[];
	draining: Promise<void> | null;
	/** Updates queued so far, and how many of them have been written (or given up on). */
	queued: number;
	settled: number;
	/** Sync answers waiting for the updates queued before them to be written. */
	waiters: { upTo: number; resolve: () => void }[];
	/** Update rows whose content `doc` holds and the snapshot may not: what compaction folds in. */
	rows: Set<number>;
	snapshotVersion: string | null;
	/** Stored size: snapshot plus the updates appended after it. */
	bytes: number;
	appendedSinceCompaction: number;
	compacting: Promise<void> | null;
	/** An append failed for good: only a snapshot of the whole document stores those edits now. */
	unsaved: boolean;
	timer: NodeJS.Timeout;
}

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/**
 * Documents in Postgres. y-websocket asks for a document synchronously and does not wait for
 * stored state, so `open` loads it first and only then may the socket be handed over. Every update
 * is appended as it arrives (batched per document while a write is in flight), periodically and on
 * the last editor leaving the document is compacted into one snapshot, and loading is the snapshot
 * plus the updates still beside it. With `relay`, appended rows are announced to other instances.
 */
export function postgresCollabPersistence(sql: Pool, log: Logger, options: CollabPersistenceOptions) {
	const repo = collabRepository(sql);
	const instance = randomUUID();
	const compactEveryUpdates = options.compactEveryUpdates ?? COMPACT_EVERY_UPDATES;
	const rooms = new Map<string, Room>();
	/** Final compaction of a document whose last editor left; a reopening waits for it. */
	const leaving = new Map<string, Promise<void>>();
	/** Connections whose updates reach a document only through `gate.admit`. */
	const admittedFrom = new WeakSet<object>();

	const relay: RelayListener | null = options.relay
		? listenForRelay(
				sql,
				instance,
				{
					updates: (name, ids) => void applyRelayed(name, ids),
					resubscribed: () => {
						for (const room of rooms.values()) void reload(room);
					}
				},
				log
			)
		: null;

	function apply(room: Room, update: Uint8Array, origin: symbol) {
		Y.applyUpdate(room.doc, update, origin);
	}

	async function applyRelayed(name: string, ids: number[]) {
		const room = rooms.get(name);
		if (!room) return;
		try {
			await room.loaded;
			const found = await repo.updatesById(name, ids);
			for (const row of found) {
				apply(room, row.update, RELAYED);
				room.rows.add(row.id);
				room.bytes += row.update.byteLength;
			}
			// Rows already folded into a snapshot by a compaction: their content is in it.
			if (found.length < ids.length) {
				const snapshot = await repo.snapshot(name);
				if (snapshot) apply(room, snapshot, RELAYED);
			}
		} catch (error) {
			log.error(`collab ${name}: relayed updates could not be applied`, error);
		}
	}

	/** Re-reads everything stored (after missed notifications); applying known content is a no-op. */
	async function reload(room: Room) {
		try {
			const stored = await repo.load(room.name);
			if (stored.snapshot) apply(room, stored.snapshot, RELAYED);
			for (const row of stored.updates) {
				apply(room, row.update, RELAYED);
				room.rows.add(row.id);
			}
		} catch (error) {
			log.error(`collab ${room.name}: reload failed`, error);
		}
	}

	function schedule(room: Room) {
		room.draining ??= drain(room);
	}

	async function drain(room: Room) {
		// Updates arriving within a few milliseconds go in one statement: on the embedded database
		// every statement runs on this thread, between the broadcasts to editors.
		await new Promise((resolve) => setTimeout(resolve, BATCH_WINDOW_MS));
		while (room.queue.length) {
			const batch = room.queue.splice(0, batchLength(room.queue));
			const ids = await appendWithRetry(room, batch);
			room.settled += batch.length;
			const answered = room.waiters.filter((w) => w.upTo <= room.settled);
			room.waiters = room.waiters.filter((w) => w.upTo > room.settled);
			for (const w of answered) w.resolve();
			if (!ids) continue;
			for (const id of ids) room.rows.add(id);
			room.appendedSinceCompaction += ids.length;
			if (room.appendedSinceCompaction >= compactEveryUpdates) void compact(room);
		}
		room.draining = null;
	}

	/** How many of the waiting updates go in the next statement (see BATCH_BYTES). */
	function batchLength(queue: readonly Uint8Array[]): number {
		let bytes = 0;
		for (let n = 0; n < Math.min(queue.length, BATCH_ROWS); n++) {
			bytes += queue[n]!.byteLength;
			if (bytes > BATCH_BYTES) return Math.max(1, n);
		}
		return Math.min(queue.length, BATCH_ROWS);
	}

	async function appendWithRetry(room: Room, batch: Uint8Array[]): Promise<number[] | null> {
		const notify = relay ? relayTag(instance, room.name) : undefined;
		for (let attempt = 0; ; attempt++) {
			try {
				return await repo.append(room.name, batch, notify);
			} catch (error) {
				const delay = RETRY_DELAYS_MS[attempt];
				if (delay === undefined) {
					log.error(
						`collab ${room.name}: ${batch.length} updates not appended; kept for the next snapshot`,
						error
					);
					room.unsaved = true;
					return null;
				}
				await new Promise((resolve) => setTimeout(resolve, delay));
			}
		}
	}

	async function whenDrained(room: Room) {
		while (room.draining) await room.draining;
	}

	function compact(room: Room): Promise<void> {
		room.compacting ??= (async () => {
			await whenDrained(room);
			if (!room.rows.size && !room.unsaved) return;
			const rows = [...room.rows];
			const bytesBefore = room.bytes;
			const state = Y.encodeStateAsUpdate(room.doc);
			const done = await repo.compact(room.name, state, rows, room.snapshotVersion, (stored, ours) =>
				Y.mergeUpdates([stored, ours])
			);
			for (const id of rows) room.rows.delete(id);
			room.snapshotVersion = done.version;
			room.bytes = done.bytes + (room.bytes - bytesBefore);
			room.appendedSinceCompaction = 0;
			room.unsaved = false;
		})()
			.catch((error: unknown) => log.error(`collab ${room.name}: compaction failed`, error))
			.finally(() => (room.compacting = null));
		return room.compacting;
	}

	setPersistence({
		provider: null,
		bindState(name: string, doc: Y.Doc) {
			const previous = leaving.get(name) ?? Promise.resolve();
			const room: Room = {
				name,
				doc,
				shadow: null,
				loaded: Promise.resolve(),
				queue: [],
				draining: null,
				queued: 0,
				settled: 0,
				waiters: [],
				rows: new Set(),
				snapshotVersion: null,
				bytes: 0,
				appendedSinceCompaction: 0,
				compacting: null,
				unsaved: false,
				timer: setInterval(() => {
					if (room.rows.size || room.unsaved) void compact(room);
				}, options.compactEveryMs ?? COMPACT_EVERY_MS).unref()
			};
			rooms.set(name, room);
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				// An update from a guarded connection is in the copy already: it was admitted there.
				if (room.shadow && !(typeof origin === 'object' && origin !== null && admittedFrom.has(origin))) {
					try {
						Y.applyUpdate(room.shadow, update);
					} catch {
						room.shadow = null;
					}
				}
				if (origin === LOADED || origin === RELAYED) return;
				room.bytes += update.byteLength;
				room.queue.push(update);
				room.queued++;
				schedule(room);
			});
			room.loaded = previous
				.then(() => relay?.ready)
				.then(() => repo.load(name))
				.then((stored) => {
					const parts = [
						...(stored.snapshot ? [stored.snapshot] : []),
						...stored.updates.map((u) => u.update)
					];
					if (parts.length) apply(room, Y.mergeUpdates(parts), LOADED);
					for (const u of stored.updates) room.rows.add(u.id);
					room.snapshotVersion = stored.snapshotVersion;
					room.bytes = parts.reduce((sum, p) => sum + p.byteLength, 0);
				});
		},
		writeState(name: string, doc: Y.Doc): Promise<void> {
			const room = rooms.get(name);
			if (!room || room.doc !== doc) return Promise.resolve();
			clearInterval(room.timer);
			const final = room.loaded
				.then(
					() => compact(room),
					() => whenDrained(room) // nothing was loaded: never store that empty document
				)
				.finally(() => {
					if (rooms.get(name) === room) rooms.delete(name);
					if (leaving.get(name) === final) leaving.delete(name);
				});
			leaving.set(name, final);
			return final;
		}
	});

	const gate: DocumentGate = {
		admit(name: string, update: Uint8Array, connection: object): Admission {
			admittedFrom.add(connection);
			const room = rooms.get(name);
			if (!room) return 'invalid';
			if (room.bytes + update.byteLength > MAX_DOCUMENT_BYTES) return 'full';
			if (!room.shadow) {
				room.shadow = new Y.Doc({ gc: room.doc.gc });
				Y.applyUpdate(room.shadow, Y.encodeStateAsUpdate(room.doc));
			}
			const pendingBefore = hasPending(room.shadow);
			try {
				Y.applyUpdate(room.shadow, update);
			} catch {
				room.shadow = null;
				return 'invalid';
			}
			// An update that refers to content nobody has can never be integrated; held back, it could
			// break a later, valid update once its gap is filled.
			if (!pendingBefore && hasPending(room.shadow)) {
				room.shadow = null;
				return 'invalid';
			}
			return 'ok';
		},
		whenDurable(name: string) {
			const room = rooms.get(name);
			if (!room || room.settled >= room.queued) return null;
			// Only what was received before: later updates of busy editors do not hold this answer up.
			const upTo = room.queued;
			return new Promise<void>((resolve) => room.waiters.push({ upTo, resolve }));
		}
	};

	return {
		gate,
		/** The document with its stored state applied; call before setupWSConnection. */
		async open(name: string): Promise<void> {
			for (;;) {
				const doc = getYDoc(name);
				const room = rooms.get(name)!;
				try {
					await room.loaded;
				} catch (error) {
					// Forget the empty document, so the next connection tries to load it again.
					if (docs.get(name) === doc && doc.conns.size === 0 && rooms.get(name) === room) {
						clearInterval(room.timer);
						docs.delete(name);
						rooms.delete(name);
					}
					throw error;
				}
				// If its last editor left while it loaded, y-websocket dropped it: open the next one.
				if (docs.get(name) === doc) return;
			}
		},
		/** Resolves when every write so far has reached the database (tests, shutdown). */
		async flushed(): Promise<void> {
			await Promise.all([...rooms.values()].map((room) => whenDrained(room)));
			await Promise.all(leaving.values());
		},
		/** After the connections are closed: waits for the writes and stops hearing other instances. */
		async close(): Promise<void> {
			await this.flushed();
			await relay?.close();
		}
	};
}
