import type { Pool } from '../db/database';
import { transaction } from '../db/transaction';

/** The channel that tells other instances which update rows were just committed. */
export const COLLAB_RELAY_CHANNEL = 'collab_update';

export interface StoredDocument {
	snapshot: Uint8Array | null;
	/** Which snapshot this is (the row's xmin): a compaction that still sees it need not merge it. */
	snapshotVersion: string | null;
	updates: { id: number; update: Uint8Array }[];
}

export interface Compacted {
	version: string;
	bytes: number;
}

/** The most bytes one statement writes into a snapshot (see migration 014). */
export const SNAPSHOT_PART_BYTES = 1024 * 1024;

/** The snapshot of `collab_snapshot s`, its parts joined in order (one bytea, or null if none). */
export const SNAPSHOT_STATE = `(select string_agg(p.bytes, ''::bytea order by p.part)
	from collab_snapshot_part p where p.doc_name = s.doc_name)`;

export function collabRepository(sql: Pool) {
	return {
		/**
		 * Appends updates in arrival order in one statement and returns their row ids. With `notify`,
		 * the same statement announces the ids on the relay channel; Postgres delivers it at commit,
		 * so a listener never hears of a row it cannot read yet.
		 */
		async append(docName: string, updates: Uint8Array[], notify?: string): Promise<number[]> {
			const rows = updates.map((u) => ({ docName, update: Buffer.from(u) }));
			if (!notify) {
				const ids = await sql<{ id: string }[]>`
					insert into collab_update ${sql(rows, 'docName', 'update')} returning id`;
				return ids.map((r) => Number(r.id));
			}
			const [row] = await sql<{ ids: string[] }[]>`
				with added as (insert into collab_update ${sql(rows, 'docName', 'update')} returning id)
				select array_agg(id::text order by id) as ids,
					pg_notify(${COLLAB_RELAY_CHANNEL}, ${notify} || ' ' || string_agg(id::text, ',')) as sent
				from added`;
			return (row?.ids ?? []).map(Number);
		},

		/** Snapshot and every update still beside it, in the order they were appended. */
		async load(docName: string): Promise<StoredDocument> {
			const [snapshot] = await sql<{ state: Buffer | null; version: string }[]>`
				select ${sql.unsafe(SNAPSHOT_STATE)} as state, xmin::text as version
				from collab_snapshot s where doc_name = ${docName}`;
			const rows = await sql<{ id: string; update: Buffer }[]>`
				select id, update from collab_update where doc_name = ${docName} order by id`;
			return {
				snapshot: snapshot?.state ? new Uint8Array(snapshot.state) : null,
				snapshotVersion: snapshot?.version ?? null,
				updates: rows.map((r) => ({ id: Number(r.id), update: new Uint8Array(r.update) }))
			};
		},

		/** The rows with these ids that still exist (compaction may have folded some into the snapshot). */
		async updatesById(docName: string, ids: number[]): Promise<{ id: number; update: Uint8Array }[]> {
			const rows = await sql<{ id: string; update: Buffer }[]>`
				select id, update from collab_update
				where doc_name = ${docName} and id = any(${ids.map(String)}::bigint[]) order by id`;
			return rows.map((r) => ({ id: Number(r.id), update: new Uint8Array(r.update) }));
		},

		async snapshot(docName: string): Promise<Uint8Array | null> {
			const [row] = await sql<{ state: Buffer | null }[]>`
				select ${sql.unsafe(SNAPSHOT_STATE)} as state from collab_snapshot s where doc_name = ${docName}`;
			return row?.state ? new Uint8Array(row.state) : null;
		},

		/**
		 * Writes `state` as the snapshot and deletes the update rows it contains, atomically. Only the
		 * given ids are deleted: rows another instance committed meanwhile are not in `state` and stay.
		 * If the stored snapshot is not the one the caller knows (`knownVersion`), another instance
		 * wrote it and it may hold updates this one never saw, so `merge` folds both together.
		 */
		async compact(
			docName: string,
			state: Uint8Array,
			ids: number[],
			knownVersion: string | null,
			merge: (stored: Uint8Array, ours: Uint8Array) => Uint8Array
		): Promise<Compacted> {
			return transaction(sql, async (tx) => {
				const [stored] = await tx<{ state: Buffer | null; version: string }[]>`
					select ${tx.unsafe(SNAPSHOT_STATE)} as state, xmin::text as version from collab_snapshot s
					where doc_name = ${docName} for update`;
				const next =
					stored?.state && stored.version !== knownVersion
						? merge(new Uint8Array(stored.state), state)
						: state;
				const [written] = await tx<{ version: string }[]>`
					insert into collab_snapshot (doc_name, last_update_id)
					values (${docName}, ${ids.reduce((a, b) => Math.max(a, b), 0)})
					on conflict (doc_name) do update set
						last_update_id = greatest(collab_snapshot.last_update_id, excluded.last_update_id),
						updated_at = clock_timestamp()
					returning xmin::text as version`;
				await tx`delete from collab_snapshot_part where doc_name = ${docName}`;
				for (let part = 0; part * SNAPSHOT_PART_BYTES < next.byteLength || part === 0; part++) {
					const bytes = next.subarray(part * SNAPSHOT_PART_BYTES, (part + 1) * SNAPSHOT_PART_BYTES);
					await tx`insert into collab_snapshot_part (doc_name, part, bytes)
						values (${docName}, ${part}, ${Buffer.from(bytes)})`;
				}
				if (ids.length) {
					await tx`delete from collab_update
						where doc_name = ${docName} and id = any(${ids.map(String)}::bigint[])`;
				}
				return { version: written!.version, bytes: next.byteLength };
			});
		}
	};
}
