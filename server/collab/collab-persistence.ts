import * as Y from 'yjs';
import { getYDoc, setPersistence } from '@y/websocket-server/utils';
import type { Pool } from '../../src/lib/server/db/database';
import { collabRepository } from '../../src/lib/server/repositories/collab.repository';
import type { Logger } from '../log';

const LOADED = Symbol('loaded from the database');

/**
 * Documents in Postgres. y-websocket asks for a document synchronously and does not wait for
 * stored state, so `open` loads it first and only then may the socket be handed over; every update
 * after that is appended in arrival order, and the last editor leaving compacts the document.
 */
export function postgresCollabPersistence(sql: Pool, log: Logger) {
	const repo = collabRepository(sql);
	const loading = new Map<string, Promise<void>>();
	/** Per document: the chain of pending writes, so compaction and reloads wait for them. */
	const writes = new Map<string, Promise<unknown>>();
	const after = (name: string, task: () => Promise<unknown>) => {
		const next = (writes.get(name) ?? Promise.resolve()).then(task, task);
		writes.set(
			name,
			next.catch((error: unknown) => log.error(`collab ${name}: write failed`, error))
		);
		return next;
	};

	setPersistence({
		provider: null,
		bindState(name: string, doc: Y.Doc) {
			const load = (writes.get(name) ?? Promise.resolve())
				.then(() => repo.load(name))
				.then((stored) => {
					const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates];
					if (parts.length) Y.applyUpdate(doc, Y.mergeUpdates(parts), LOADED);
					doc.on('update', (update: Uint8Array, origin: unknown) => {
						if (origin !== LOADED) void after(name, () => repo.append(name, update));
					});
				});
			loading.set(name, load);
		},
		async writeState(name: string, doc: Y.Doc) {
			loading.delete(name);
			await after(name, async () => {
				const upTo = await repo.lastUpdateId(name);
				await repo.compact(name, Y.encodeStateAsUpdate(doc), upTo);
			});
		}
	});

	return {
		/** The document with its stored state applied; call before setupWSConnection. */
		async open(name: string): Promise<void> {
			getYDoc(name);
			await loading.get(name);
		},
		/** Resolves when every write so far has reached the database (tests, shutdown). */
		flushed: async () => {
			await Promise.all(writes.values());
		}
	};
}
