import { CouncilAction, can } from '../../domain/council/permission';
import type { RecordedFact } from '../../domain/meeting/meeting-events';
import { generateMinutes } from '../../domain/minutes/generate-minutes';
import type { MatterArisingInput, Minutes } from '../../domain/minutes/minutes';
import type { MinutesLocale } from '../../domain/minutes/minutes-labels';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import { readClerkNotes } from '../minutes/clerk-notes';
import { minutesFile, type MinutesFile, type MinutesFormat } from '../minutes/minutes-files';
import { councilRepository, type CouncilRow } from '../repositories/council.repository';
import { eventLogRepository } from '../repositories/event-log.repository';
import { meetingRepository, type MeetingRow } from '../repositories/meeting.repository';
import {
	minutesRepository,
	type LaterMeeting,
	type GeneratedMinutes,
	type ItemNotes,
	type MinutesVersionRow
} from '../repositories/minutes.repository';
import { councilAccess } from './council-access';
import type { ServiceDeps } from './deps';
import { toFact } from './meeting-room.service';

const LOCALES: MinutesLocale[] = ['zh', 'en'];

export interface MinutesShown {
	/** null: nothing is stored yet, these are the live minutes of the log and the clerks' notes. */
	version: number | null;
	status: 'draft' | 'approved';
	minutes: GeneratedMinutes;
	/** The notes by agenda item id the minutes carry (edited ones, or the live ones). */
	notes: ItemNotes;
	edited: boolean;
	correctionReason: string | null;
	approvedAt: Date | null;
	approvedInMeetingId: string | null;
}

export interface MinutesView {
	meeting: MeetingRow;
	council: CouncilRow;
	adjourned: boolean;
	/** Later meetings of the council, where these minutes may be approved. */
	/** Where these minutes may be approved: those `held`, for minutes are approved by a meeting that sits. */
	laterMeetings: LaterMeeting[];
	versions: Pick<
		MinutesVersionRow,
		'version' | 'status' | 'approvedAt' | 'approvedInMeetingId' | 'correctionReason' | 'createdAt'
	>[];
	shown: MinutesShown;
	mayEdit: boolean;
	/** A correction of approved minutes needs its reason recorded. */
	needsReason: boolean;
}

export interface PreviousMinutes {
	meeting: { id: string; titleZh: string; titleEn: string; startsAt: Date };
	awaitingApproval: boolean;
	adjourned: boolean;
	mayApprove: boolean;
}

export interface MinutesServiceOptions {
	/** Follow-up tasks brought back to the meeting, with the status each had as it began. */
	mattersArising: (meetingId: string) => Promise<MatterArisingInput[]>;
}

/**
 * Minutes of a meeting: a draft regenerated from the log while the meeting runs and until it is
 * approved, the clerk's edits to the notes, approval in a later meeting, corrections as new
 * versions. Generated facts (attendance, counts, results) are never edited, only regenerated.
 */
export function minutesService(deps: ServiceDeps, options: MinutesServiceOptions) {
	const { sql } = deps;
	const versions = minutesRepository(sql);
	const log = eventLogRepository(sql);

	async function load(userId: string, meetingId: string) {
		const meeting = await meetingRepository(sql).findById(meetingId);
		if (!meeting) return fail('not-found', 'No such meeting.');
		const access = await councilAccess(sql, userId, meeting.councilId);
		if (access.role === null) return fail('not-found', 'No such meeting, or you are not a member.');
		const council = (await councilRepository(sql).findById(meeting.councilId))!;
		return ok({ meeting, council, role: access.role });
	}

	async function readLog(
		meetingId: string
	): Promise<{ facts: RecordedFact[]; head: { seq: number; hash: string } }> {
		const [events, head] = await Promise.all([log.readSince(meetingId, 0, 1_000_000), log.head(meetingId)]);
		return { facts: events.map(toFact), head };
	}

	async function generate(meeting: MeetingRow, council: CouncilRow, notes: ItemNotes | null) {
		const { facts, head } = await readLog(meeting.id);
		const itemIds = facts.flatMap((f) => (f.type === 'agenda:item-add' ? [f.payload.itemId] : []));
		const used = notes ?? (await readClerkNotes(sql, meeting.id, itemIds));
		const mattersArising = await options.mattersArising(meeting.id);
		const approvedHere = await versions.approvedIn(meeting.id);
		const generated = Object.fromEntries(
			LOCALES.map((locale) => [
				locale,
				generateMinutes({
					meetingId: meeting.id,
					header: {
						councilName: locale === 'zh' ? council.nameZh : council.nameEn,
						meetingTitle: locale === 'zh' ? meeting.titleZh : meeting.titleEn,
						meetingType: null,
						scheduledAt: meeting.startsAt.toISOString(),
						location: meeting.location,
						onlineUrl: meeting.onlineUrl
					},
					facts,
					notes: used,
					mattersArising,
					minutesApproved: approvedHere.map((a) => ({
						meetingTitle: locale === 'zh' ? a.titleZh : a.titleEn,
						scheduledAt: a.startsAt.toISOString()
					})),
					logHead: head
				})
			])
		) as GeneratedMinutes;
		return { generated, head, notes: used, adjourned: facts.some((f) => f.type === 'meeting:adjourn') };
	}

	async function shownFor(
		meeting: MeetingRow,
		council: CouncilRow,
		rows: MinutesVersionRow[],
		version?: number
	) {
		const row =
			version === undefined
				? (rows.find((r) => r.status === 'draft') ?? rows.at(-1))
				: rows.find((r) => r.version === version);
		if (version !== undefined && !row) return null;
		if (row?.status === 'approved') {
			const shown: MinutesShown = {
				version: row.version,
				status: 'approved',
				minutes: row.generated,
				notes: row.notes ?? {},
				edited: row.notes !== null,
				correctionReason: row.correctionReason,
				approvedAt: row.approvedAt,
				approvedInMeetingId: row.approvedInMeetingId
			};
			return { shown, adjourned: true };
		}
		// A draft always shows the log as it is now, with the clerk's edited notes if there are any.
		const fresh = await generate(meeting, council, row?.notes ?? null);
		const shown: MinutesShown = {
			version: row?.version ?? null,
			status: 'draft',
			minutes: fresh.generated,
			notes: fresh.notes,
			edited: row?.notes != null,
			correctionReason: row?.correctionReason ?? null,
			approvedAt: null,
			approvedInMeetingId: null
		};
		return { shown, adjourned: fresh.adjourned };
	}

	return {
		async view(userId: string, meetingId: string, version?: number): Promise<Result<MinutesView, ErrorCode>> {
			const loaded = await load(userId, meetingId);
			if (!loaded.ok) return loaded;
			const { meeting, council, role } = loaded.value;
			const rows = await versions.list(meetingId);
			const found = await shownFor(meeting, council, rows, version);
			if (!found) return fail('not-found', 'No such version of these minutes.');
			const hasDraft = rows.some((r) => r.status === 'draft');
			return ok({
				meeting,
				council,
				adjourned: found.adjourned,
				laterMeetings: await versions.laterMeetings(meetingId),
				versions: rows.map(
					({ version, status, approvedAt, approvedInMeetingId, correctionReason, createdAt }) => ({
						version,
						status,
						approvedAt,
						approvedInMeetingId,
						correctionReason,
						createdAt
					})
				),
				shown: found.shown,
				mayEdit: can({ role }, CouncilAction.takeMinutes),
				needsReason: !hasDraft && rows.some((r) => r.status === 'approved')
			});
		},

		/**
		 * The clerk's notes per agenda item. Once minutes are approved, saving starts a correction:
		 * a new draft version that records why; the approved version stays as it was.
		 */
		async saveNotes(input: {
			userId: string;
			meetingId: string;
			notes: ItemNotes;
			reason?: string | null;
		}): Promise<Result<MinutesVersionRow, ErrorCode>> {
			const loaded = await load(input.userId, input.meetingId);
			if (!loaded.ok) return loaded;
			const { meeting, council, role } = loaded.value;
			if (!can({ role }, CouncilAction.takeMinutes))
				return fail('forbidden', 'The clerk or the moderator edits minutes.');
			const rows = await versions.list(meeting.id);
			const correcting = !rows.some((r) => r.status === 'draft') && rows.some((r) => r.status === 'approved');
			const reason = input.reason?.trim() || null;
			if (correcting && !reason) return fail('invalid-input', 'Say why the approved minutes are corrected.');
			const fresh = await generate(meeting, council, input.notes);
			return ok(
				await versions.saveDraft({
					meetingId: meeting.id,
					generated: fresh.generated,
					notes: input.notes,
					logSeq: fresh.head.seq,
					logHash: fresh.head.hash,
					correctionReason: correcting ? reason : null,
					createdBy: input.userId
				})
			);
		},

		/** Approves the draft as the minutes of record, in the (later) meeting that approved them. */
		async approve(input: {
			userId: string;
			meetingId: string;
			approvingMeetingId: string;
		}): Promise<Result<MinutesVersionRow, ErrorCode>> {
			const loaded = await load(input.userId, input.meetingId);
			if (!loaded.ok) return loaded;
			const { meeting, council, role } = loaded.value;
			if (!can({ role }, CouncilAction.takeMinutes))
				return fail('forbidden', 'The clerk or the moderator records approval.');
			const approving = await meetingRepository(sql).findById(input.approvingMeetingId);
			if (!approving || approving.councilId !== meeting.councilId || approving.id === meeting.id)
				return fail('invalid-input', 'Minutes are approved in another meeting of the same council.');
			if (approving.startsAt <= meeting.startsAt || !(await versions.held(approving.id)))
				return fail('invalid-input', 'Minutes are approved in a later meeting that has opened.');
			const rows = await versions.list(meeting.id);
			const draft = rows.find((r) => r.status === 'draft');
			if (!draft && rows.some((r) => r.status === 'approved'))
				return fail('invalid-input', 'These minutes are approved; correct them to approve again.');
			const fresh = await generate(meeting, council, draft?.notes ?? null);
			if (!fresh.adjourned)
				return fail('invalid-input', 'Minutes are approved after the meeting is adjourned.');
			if (!draft) {
				await versions.saveDraft({
					meetingId: meeting.id,
					generated: fresh.generated,
					notes: fresh.notes,
					logSeq: fresh.head.seq,
					logHash: fresh.head.hash,
					correctionReason: null,
					createdBy: input.userId
				});
			}
			const approved = await versions.approveDraft({
				meetingId: meeting.id,
				generated: fresh.generated,
				logSeq: fresh.head.seq,
				logHash: fresh.head.hash,
				approvedAt: deps.now(),
				approvedInMeetingId: approving.id,
				approvedBy: input.userId
			});
			return approved ? ok(approved) : fail('seq-conflict', 'The draft changed; try again.');
		},

		/**
		 * The previous meeting's minutes as this meeting sees them, for "approval of the previous
		 * minutes": whether they wait for approval, and whether this person may record it.
		 */
		async previousOf(userId: string, meetingId: string): Promise<PreviousMinutes | null> {
			const loaded = await load(userId, meetingId);
			if (!loaded.ok) return null;
			const previous = await versions.previousMeeting(meetingId);
			if (!previous) return null;
			const rows = await versions.list(previous.id);
			const { facts } = await readLog(previous.id);
			return {
				meeting: previous,
				awaitingApproval:
					rows.some((r) => r.status === 'draft') || !rows.some((r) => r.status === 'approved'),
				adjourned: facts.some((f) => f.type === 'meeting:adjourn'),
				mayApprove: can({ role: loaded.value.role }, CouncilAction.takeMinutes)
			};
		},

		/** One version (or the current draft) as a file. */
		async file(input: {
			userId: string;
			meetingId: string;
			version?: number;
			format: MinutesFormat;
			locale: MinutesLocale;
		}): Promise<Result<MinutesFile, ErrorCode>> {
			const loaded = await load(input.userId, input.meetingId);
			if (!loaded.ok) return loaded;
			const { meeting, council } = loaded.value;
			const found = await shownFor(meeting, council, await versions.list(meeting.id), input.version);
			if (!found) return fail('not-found', 'No such version of these minutes.');
			const v = found.shown.version;
			const base = `minutes-${meeting.startsAt.toISOString().slice(0, 10)}${v ? `-v${v}` : '-draft'}`;
			return ok(await minutesFile(found.shown.minutes[input.locale], input.format, input.locale, base));
		}
	};
}

export type MinutesService = ReturnType<typeof minutesService>;
export type { Minutes };
