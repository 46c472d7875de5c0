import * as Y from 'yjs';
import { CouncilAction } from '../../domain/council/permission';
import type { Role } from '../../domain/council/role';
import { amendedParagraph, applyToText, AmendmentStatus } from '../../domain/documents/amendment';
import { fail, ok, type Result } from '../../domain/result';
import { wordDiff, type DiffPart } from '../../documents/word-diff';
import { documentRoomName } from '../../protocol/collab';
import type {
	AmendmentDecisionInput,
	AmendmentInput,
	DocumentErrorCode,
	DocumentInput,
	FreezeInput
} from '../../protocol/document.schema';
import type { Sql } from '../db/database';
import { renderDocument, replacePassage } from '../documents/document-content';
import {
	documentRepository,
	type AmendmentRow,
	type DocumentRow,
	type VersionRow,
	type VersionSummary
} from '../repositories/document.repository';
import { meetingRepository } from '../repositories/meeting.repository';
import { authorise } from './council-access';
import type { ServiceDeps } from './deps';
import { transaction } from '../db/transaction';

type R<T> = Promise<Result<T, DocumentErrorCode>>;

export interface DocumentView {
	document: DocumentRow;
	role: Role;
	canEdit: boolean;
	canFreeze: boolean;
	versions: VersionSummary[];
	amendments: AmendmentView[];
}

/** An amendment as readers see it: the paragraph it changes, as a word diff against its version. */
export interface AmendmentView extends AmendmentRow {
	baseVersionName: string;
	parts: DiffPart[];
}

/** What a motion binds to: the exact frozen text, named and hashed. */
export interface FrozenVersion {
	versionId: string;
	documentId: string;
	name: string;
	sha256: string;
}

export interface VersionDiff {
	from: VersionSummary;
	to: VersionSummary;
	parts: DiffPart[];
}

const notFound = () =>
	fail('not-found' as const, 'No such document, or you are not a member of its council.');

export function documentService(deps: ServiceDeps) {
	const { sql } = deps;
	const repo = (tx: Sql = sql) => documentRepository(tx);

	/** The document and the actor's standing in its council; not a member reads as not-found. */
	async function access(userId: string, documentId: string, action: CouncilAction, tx: Sql = sql) {
		const document = await repo(tx).findById(documentId);
		if (!document) return notFound();
		const allowed = await authorise(tx, userId, document.councilId, action);
		if (!allowed.ok) return allowed;
		return ok({ document, role: allowed.value.role! });
	}

	async function livingDoc(documentId: string, tx: Sql = sql): Promise<Y.Doc> {
		const doc = new Y.Doc();
		const name = documentRoomName(documentId);
		const live = deps.liveDocuments?.state(name);
		// Stored and live state together: a CRDT merge, so neither may be ahead of the other.
		const parts = [...(await repo(tx).livingState(name)), ...(live ? [live] : [])];
		if (parts.length) Y.applyUpdate(doc, Y.mergeUpdates(parts));
		return doc;
	}

	async function amendmentViews(documentId: string, locale: string): Promise<AmendmentView[]> {
		const versions = new Map<string, VersionRow | null>();
		const out: AmendmentView[] = [];
		for (const a of await repo().listAmendments(documentId)) {
			if (!versions.has(a.baseVersionId)) {
				versions.set(a.baseVersionId, await repo().findVersion(documentId, a.baseVersionId));
			}
			const base = versions.get(a.baseVersionId)!;
			const paragraph = base ? amendedParagraph(base.plainText, a) : null;
			const parts = paragraph?.ok ? wordDiff(paragraph.value.before, paragraph.value.after, locale) : [];
			out.push({ ...a, baseVersionName: base?.name ?? '', parts });
		}
		return out;
	}

	async function setLock(userId: string, documentId: string, locked: boolean): R<DocumentRow> {
		const found = await access(userId, documentId, CouncilAction.freezeDocument);
		if (!found.ok) return found;
		await repo().setLock(documentId, locked ? userId : null, locked ? deps.now() : null);
		deps.events.emit('document:lock-changed', { documentId, locked });
		return ok((await repo().findById(documentId))!);
	}

	return {
		async list(userId: string, councilId: string): R<{ documents: DocumentRow[]; canCreate: boolean }> {
			const allowed = await authorise(sql, userId, councilId, CouncilAction.readDocument);
			if (!allowed.ok) return allowed;
			const canCreate = (await authorise(sql, userId, councilId, CouncilAction.editDocument)).ok;
			return ok({ documents: await repo().listByCouncil(councilId), canCreate });
		},

		async create(userId: string, councilId: string, input: DocumentInput): R<string> {
			const allowed = await authorise(sql, userId, councilId, CouncilAction.editDocument);
			if (!allowed.ok) return allowed;
			return ok(await repo().insert({ councilId, title: input.title, createdBy: userId }));
		},

		/** The document alone, for pages about one of its versions. */
		async find(userId: string, documentId: string): R<DocumentRow> {
			const found = await access(userId, documentId, CouncilAction.readDocument);
			return found.ok ? ok(found.value.document) : found;
		},

		async get(userId: string, documentId: string, locale = 'zh'): R<DocumentView> {
			const found = await access(userId, documentId, CouncilAction.readDocument);
			if (!found.ok) return found;
			const { document, role } = found.value;
			const may = async (action: CouncilAction) =>
				(await authorise(sql, userId, document.councilId, action)).ok;
			return ok({
				document,
				role,
				canEdit: await may(CouncilAction.editDocument),
				canFreeze: await may(CouncilAction.freezeDocument),
				versions: await repo().listVersions(documentId),
				amendments: await amendmentViews(documentId, locale)
			});
		},

		/** While locked (e.g. during the vote on it) the server drops every edit to the document. */
		lock: (userId: string, documentId: string) => setLock(userId, documentId, true),
		unlock: (userId: string, documentId: string) => setLock(userId, documentId, false),

		/**
		 * Freezes the living text as a named, immutable version: its Yjs state, the HTML and plain
		 * text TipTap renders from it, and the SHA-256 of that HTML, which a motion can bind to.
		 */
		async freezeVersion(o: { actorId: string; documentId: string } & FreezeInput): R<FrozenVersion> {
			const found = await access(o.actorId, o.documentId, CouncilAction.freezeDocument);
			if (!found.ok) return found;
			if (o.meetingId) {
				const meeting = await meetingRepository(sql).findById(o.meetingId);
				if (meeting?.councilId !== found.value.document.councilId) {
					return fail('invalid-input', 'That meeting is not one of this council’s.');
				}
			}
			const doc = await livingDoc(o.documentId);
			const rendered = await renderDocument(doc);
			const versionId = await repo().insertVersion({
				documentId: o.documentId,
				name: o.name,
				state: Y.encodeStateAsUpdate(doc),
				...rendered,
				frozenBy: o.actorId,
				frozenAt: deps.now(),
				meetingId: o.meetingId
			});
			doc.destroy();
			deps.events.emit('document:frozen', { documentId: o.documentId, versionId });
			return ok({ versionId, documentId: o.documentId, name: o.name, sha256: rendered.sha256 });
		},

		async versions(userId: string, documentId: string): R<VersionSummary[]> {
			const found = await access(userId, documentId, CouncilAction.readDocument);
			if (!found.ok) return found;
			return ok(await repo().listVersions(documentId));
		},

		async version(userId: string, documentId: string, versionId: string): R<VersionRow> {
			const found = await access(userId, documentId, CouncilAction.readDocument);
			if (!found.ok) return found;
			const version = await repo().findVersion(documentId, versionId);
			return version ? ok(version) : fail('version-not-found', 'No such version of this document.');
		},

		/** A word-level diff between two versions (Chinese segmented by word, not by spaces). */
		async diff(
			userId: string,
			documentId: string,
			fromId: string,
			toId: string,
			locale = 'zh'
		): R<VersionDiff> {
			const found = await access(userId, documentId, CouncilAction.readDocument);
			if (!found.ok) return found;
			const [from, to] = await Promise.all([
				repo().findVersion(documentId, fromId),
				repo().findVersion(documentId, toId)
			]);
			if (!from || !to) return fail('version-not-found', 'No such version of this document.');
			return ok({ from, to, parts: wordDiff(from.plainText, to.plainText, locale) });
		},

		async amendments(userId: string, documentId: string): R<AmendmentRow[]> {
			const found = await access(userId, documentId, CouncilAction.readDocument);
			if (!found.ok) return found;
			return ok(await repo().listAmendments(documentId));
		},

		/** A member suggests that one passage of a frozen version read differently. */
		async proposeAmendment(userId: string, documentId: string, input: AmendmentInput): R<string> {
			const found = await access(userId, documentId, CouncilAction.editDocument);
			if (!found.ok) return found;
			const base = await repo().findVersion(documentId, input.baseVersionId);
			if (!base) return fail('version-not-found', 'No such version of this document.');
			const applied = applyToText(base.plainText, input);
			if (!applied.ok) return applied;
			const amendmentId = await repo().insertAmendment({ documentId, authorId: userId, ...input });
			deps.events.emit('document:amendment', { documentId, amendmentId, status: AmendmentStatus.proposed });
			return ok(amendmentId);
		},

		/**
		 * Accepting applies the change to the living document on the server, in one Yjs transaction
		 * that editors receive like anyone's edit; rejecting only records the decision.
		 */
		async decideAmendment(
			userId: string,
			documentId: string,
			input: AmendmentDecisionInput,
			/** A vote adopted it: the lock (held for that vote) keeps editors out, not the result. */
			o: { adoptedByVote?: boolean } = {}
		): R<AmendmentRow> {
			return transaction(sql, async (tx) => {
				const found = await access(userId, documentId, CouncilAction.freezeDocument, tx);
				if (!found.ok) return found;
				const amendment = await repo(tx).findAmendmentForDecision(documentId, input.amendmentId);
				if (!amendment) return fail('not-found', 'No such amendment.');
				if (amendment.status !== AmendmentStatus.proposed) {
					return fail('amendment-decided', 'This amendment has already been decided.');
				}
				let update: Uint8Array | null = null;
				if (input.decision === 'accept') {
					if (found.value.document.lockedAt && !o.adoptedByVote)
						return fail('document-locked', 'The document is locked.');
					const doc = await livingDoc(documentId, tx);
					const changed = replacePassage(doc, amendment);
					doc.destroy();
					if (!changed.ok) return changed;
					update = changed.value;
					await repo(tx).appendLivingUpdate(documentRoomName(documentId), update);
				}
				const status = input.decision === 'accept' ? AmendmentStatus.accepted : AmendmentStatus.rejected;
				await repo(tx).decideAmendment(amendment.id, status, userId, deps.now());
				return ok({ ...amendment, update, status });
			}).then((result) => {
				if (!result.ok) return result;
				const { update, ...amendment } = result.value;
				if (update) deps.events.emit('document:changed', { documentId, update });
				deps.events.emit('document:amendment', {
					documentId,
					amendmentId: amendment.id,
					status: amendment.status
				});
				return ok(amendment);
			});
		}
	};
}
