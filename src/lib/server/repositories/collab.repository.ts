import type { Pool } from '../db/database';

export interface StoredDocument {
	snapshot: Uint8Array | null;
	updates: Uint8Array[];
	lastUpdateId: number;
}

export function collabRepository(sql: Pool) {
	return {
		async append(docName: string, update: Uint8Array): Promise<void> {
			await sql`insert into collab_update (doc_name, update) values (${docName}, ${Buffer.from(update)})`;
		},

		async load(docName: string): Promise<StoredDocument> {
			const [snapshot] = await sql<{ state: Buffer; lastUpdateId: string }[]>`
				select state, last_update_id from collab_snapshot where doc_name = ${docName}`;
			const after = snapshot ? Number(snapshot.lastUpdateId) : 0;
			const rows = await sql<{ id: string; update: Buffer }[]>`
				select id, update from collab_update where doc_name = ${docName} and id > ${after} order by id`;
			return {
				snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
				updates: rows.map((r) => new Uint8Array(r.update)),
				lastUpdateId: rows.length ? Number(rows.at(-1)!.id) : after
			};
		},

		/** Replaces the updates up to `upToId` with one snapshot, atomically: a reader sees either form. */
		async compact(docName: string, state: Uint8Array, upToId: number): Promise<void> {
			await sql.begin(async (tx) => {
				await tx`insert into collab_snapshot (doc_name, state, last_update_id)
					values (${docName}, ${Buffer.from(state)}, ${upToId})
					on conflict (doc_name) do update set state = excluded.state,
						last_update_id = excluded.last_update_id, updated_at = clock_timestamp()`;
				await tx`delete from collab_update where doc_name = ${docName} and id <= ${upToId}`;
			});
		},

		async lastUpdateId(docName: string): Promise<number> {
			const [row] = await sql<{ id: string | null }[]>`
				select max(id) as id from collab_update where doc_name = ${docName}`;
			return row?.id ? Number(row.id) : 0;
		}
	};
}
