import type { Sql } from '../db/database';
import type { AmendmentStatus } from '../../domain/documents/amendment';
import { SNAPSHOT_STATE } from './collab.repository';

export interface DocumentRow {
	id: string;
	councilId: string;
	title: string;
	createdBy: string | null;
	createdAt: Date;
	lockedBy: string | null;
	lockedByName: string | null;
	lockedAt: Date | null;
}

export interface VersionSummary {
	id: string;
	documentId: string;
	name: string;
	sha256: string;
	frozenBy: string | null;
	frozenByName: string | null;
	frozenAt: Date;
	meetingId: string | null;
}

export interface VersionRow extends VersionSummary {
	html: string;
	plainText: string;
	state: Uint8Array;
}

export interface AmendmentRow {
	id: string;
	documentId: string;
	baseVersionId: string;
	authorId: string | null;
	authorName: string | null;
	passage: string;
	replacement: string;
	rationale: string;
	status: AmendmentStatus;
	createdAt: Date;
	decidedBy: string | null;
	decidedAt: Date | null;
}

const documentColumns = `d.id, d.council_id, d.title, d.created_by, d.created_at, d.locked_by,
	lu.name as locked_by_name, d.locked_at`;
const documentFrom = 'proposal_document d left join users lu on lu.id = d.locked_by';
const versionColumns = `v.id, v.document_id, v.name, v.sha256, v.frozen_by, fu.name as frozen_by_name,
	v.frozen_at, v.meeting_id`;
const versionFrom = 'document_version v left join users fu on fu.id = v.frozen_by';
const amendmentColumns = `a.id, a.document_id, a.base_version_id, a.author_id, au.name as author_name,
	a.passage, a.replacement, a.rationale, a.status, a.created_at, a.decided_by, a.decided_at`;
const amendmentFrom = 'document_amendment a left join users au on au.id = a.author_id';

export function documentRepository(sql: Sql) {
	return {
		async insert(input: { councilId: string; title: string; createdBy: string }): Promise<string> {
			const [row] = await sql<{ id: string }[]>`
				insert into proposal_document ${sql(input, 'councilId', 'title', 'createdBy')} returning id`;
			return row!.id;
		},
		listByCouncil(councilId: string): Promise<DocumentRow[]> {
			return sql<DocumentRow[]>`select ${sql.unsafe(documentColumns)} from ${sql.unsafe(documentFrom)}
				where d.council_id = ${councilId} order by d.created_at desc`;
		},
		async findById(id: string): Promise<DocumentRow | null> {
			const [row] = await sql<DocumentRow[]>`select ${sql.unsafe(documentColumns)}
				from ${sql.unsafe(documentFrom)} where d.id = ${id}`;
			return row ?? null;
		},
		async setLock(id: string, lockedBy: string | null, at: Date | null): Promise<void> {
			await sql`update proposal_document set locked_by = ${lockedBy}, locked_at = ${at} where id = ${id}`;
		},

		async insertVersion(input: {
			documentId: string;
			name: string;
			state: Uint8Array;
			html: string;
			plainText: string;
			sha256: string;
			frozenBy: string;
			frozenAt: Date;
			meetingId: string | null;
		}): Promise<string> {
			const [row] = await sql<{ id: string }[]>`
				insert into document_version (document_id, name, state, html, plain_text, sha256, frozen_by,
					frozen_at, meeting_id)
				values (${input.documentId}, ${input.name}, ${Buffer.from(input.state)}, ${input.html},
					${input.plainText}, ${input.sha256}, ${input.frozenBy}, ${input.frozenAt}, ${input.meetingId})
				returning id`;
			return row!.id;
		},
		listVersions(documentId: string): Promise<VersionSummary[]> {
			return sql<VersionSummary[]>`select ${sql.unsafe(versionColumns)} from ${sql.unsafe(versionFrom)}
				where v.document_id = ${documentId} order by v.frozen_at desc, v.id`;
		},
		async findVersion(documentId: string, versionId: string): Promise<VersionRow | null> {
			const [row] = await sql<(VersionSummary & { html: string; plainText: string; state: Buffer })[]>`
				select ${sql.unsafe(versionColumns)}, v.html, v.plain_text, v.state
				from ${sql.unsafe(versionFrom)} where v.document_id = ${documentId} and v.id = ${versionId}`;
			return row ? { ...row, state: new Uint8Array(row.state) } : null;
		},

		async insertAmendment(input: {
			documentId: string;
			baseVersionId: string;
			authorId: string;
			passage: string;
			replacement: string;
			rationale: string;
		}): Promise<string> {
			const [row] = await sql<{ id: string }[]>`
				insert into document_amendment ${sql(input, 'documentId', 'baseVersionId', 'authorId', 'passage', 'replacement', 'rationale')}
				returning id`;
			return row!.id;
		},
		listAmendments(documentId: string): Promise<AmendmentRow[]> {
			return sql<AmendmentRow[]>`select ${sql.unsafe(amendmentColumns)} from ${sql.unsafe(amendmentFrom)}
				where a.document_id = ${documentId} order by a.created_at desc, a.id`;
		},
		/** Locks the row: two moderators deciding at once must not both apply it. */
		async findAmendmentForDecision(documentId: string, id: string): Promise<AmendmentRow | null> {
			const [row] = await sql<AmendmentRow[]>`select ${sql.unsafe(amendmentColumns)}
				from ${sql.unsafe(amendmentFrom)} where a.document_id = ${documentId} and a.id = ${id}
				for update of a`;
			return row ?? null;
		},
		/** The living document's stored parts (snapshot, then updates in order), as y-websocket loads them. */
		async livingState(docName: string): Promise<Uint8Array[]> {
			const [snapshot] = await sql<{ state: Buffer | null }[]>`
				select ${sql.unsafe(SNAPSHOT_STATE)} as state from collab_snapshot s where doc_name = ${docName}`;
			const updates = await sql<{ update: Buffer }[]>`
				select update from collab_update where doc_name = ${docName} order by id`;
			return [...(snapshot?.state ? [snapshot.state] : []), ...updates.map((u) => u.update)].map(
				(b) => new Uint8Array(b)
			);
		},
		/** A change the server made (an accepted amendment), stored like any editor's update. */
		async appendLivingUpdate(docName: string, update: Uint8Array): Promise<void> {
			await sql`insert into collab_update (doc_name, update) values (${docName}, ${Buffer.from(update)})`;
		},
		async decideAmendment(id: string, status: AmendmentStatus, decidedBy: string, at: Date): Promise<void> {
			await sql`update document_amendment set status = ${status}, decided_by = ${decidedBy}, decided_at = ${at}
				where id = ${id}`;
		}
	};
}
