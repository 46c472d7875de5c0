import { CouncilAction } from '../../domain/council/permission';
import type { MinutesDecision } from '../../domain/minutes/minutes';
import { searchMinutes, type MinutesHit } from '../../domain/minutes/minutes-search';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import { buildArchive, dayAfter, dayStart, type ArchiveManifest } from '../archive/archive-bundle';
import { exportJobs, type ExportFile, type ExportProgress } from '../archive/export-jobs';
import {
	archiveRepository,
	publicMinutesRepository,
	type ArchivedTask
} from '../repositories/archive.repository';
import { minutesRepository, type GeneratedMinutes } from '../repositories/minutes.repository';
import { authorise } from './council-access';
import type { ServiceDeps } from './deps';

export interface ArchiveQuery {
	q: string;
	/** Calendar days, YYYY-MM-DD, China Standard Time, both included. */
	from: string;
	to: string;
}

export interface MinutesResult {
	meetingId: string;
	title: { zh: string; en: string };
	openedAt: string | null;
	version: number;
	hits: MinutesHit[];
}

export interface PublicMinutes {
	meetingId: string;
	version: number;
	approvedAt: Date | null;
	minutes: GeneratedMinutes;
}

export interface PublicPage {
	council: { id: string; slug: string; nameZh: string; nameEn: string };
	/** The latest approved version of each meeting's minutes, newest meeting first. */
	meetings: PublicMinutes[];
}

export interface ArchiveResults {
	minutes: MinutesResult[];
	decisions: (MinutesDecision & { meetingId: string; version: number })[];
	tasks: ArchivedTask[];
}

/** The clerks' archive: search approved minutes, decisions and tasks; export a date range as a zip. */
export function archiveService(deps: ServiceDeps) {
	const { sql } = deps;
	const jobs = exportJobs();

	async function checkExport(input: { userId: string; councilId: string; from: string; to: string }) {
		const access = await authorise(sql, input.userId, input.councilId, CouncilAction.exportArchive);
		if (!access.ok) return access;
		if (!(dayStart(input.from) < dayAfter(input.to)))
			return fail('invalid-input', 'The range ends before it starts.');
		return ok(null);
	}

	const build = (
		input: { councilId: string; from: string; to: string },
		onProgress?: (done: number, total: number) => void
	) =>
		buildArchive({
			sql,
			councilId: input.councilId,
			from: input.from,
			to: input.to,
			now: deps.now(),
			onProgress
		});

	return {
		async search(
			userId: string,
			councilId: string,
			query: ArchiveQuery
		): Promise<Result<ArchiveResults, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.exportArchive);
			if (!access.ok) return access;
			const [from, to] = [dayStart(query.from), dayAfter(query.to)];
			if (!(from < to)) return fail('invalid-input', 'The range ends before it starts.');
			const needle = query.q.trim().toLocaleLowerCase();
			const versions = await minutesRepository(sql).listApproved(councilId, from, to);
			const minutes: MinutesResult[] = [];
			const decisions: ArchiveResults['decisions'] = [];
			for (const v of versions) {
				const hits = searchMinutes(v.generated, needle);
				const zh = v.generated.zh;
				// With no keyword the range is browsed: every approved minutes in it, as for decisions.
				if (hits.length || !needle)
					minutes.push({
						meetingId: v.meetingId,
						title: { zh: zh.header.meetingTitle, en: v.generated.en.header.meetingTitle },
						openedAt: zh.openedAt,
						version: v.version,
						hits
					});
				zh.decisions.forEach((d, i) => {
					const en = v.generated.en.decisions[i];
					const text = [d.text, d.itemTitle, en?.itemTitle ?? ''].join('\n').toLocaleLowerCase();
					if (!needle || text.includes(needle))
						decisions.push({ ...d, meetingId: v.meetingId, version: v.version });
				});
			}
			const tasks = await archiveRepository(sql).tasks(councilId, from, to, query.q.trim());
			return ok({ minutes, decisions, tasks });
		},

		/** Approved minutes and decisions for anyone, signed in or not, when the council has opted in. */
		async publicPage(slug: string): Promise<PublicPage | null> {
			const council = await publicMinutesRepository(sql).council(slug);
			if (!council) return null;
			const approved = await minutesRepository(sql).listApproved(
				council.id,
				new Date(0),
				new Date('9999-01-01T00:00:00Z')
			);
			const latest = new Map<string, PublicMinutes>();
			for (const v of approved)
				latest.set(v.meetingId, {
					meetingId: v.meetingId,
					version: v.version,
					approvedAt: v.approvedAt,
					minutes: v.generated
				});
			return { council, meetings: [...latest.values()].reverse() };
		},

		async isPublic(councilId: string): Promise<boolean> {
			return publicMinutesRepository(sql).isPublic(councilId);
		},

		async setPublic(userId: string, councilId: string, value: boolean): Promise<Result<boolean, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.edit);
			if (!access.ok) return access;
			await publicMinutesRepository(sql).setPublic(councilId, value);
			return ok(value);
		},

		async exportZip(input: {
			userId: string;
			councilId: string;
			from: string;
			to: string;
		}): Promise<Result<{ zip: Uint8Array; manifest: ArchiveManifest }, ErrorCode>> {
			const checked = await checkExport(input);
			if (!checked.ok) return checked;
			return ok(await build(input));
		},

		/** The same export in the background, for a page that shows its progress; the job's id. */
		async startExport(input: {
			userId: string;
			councilId: string;
			from: string;
			to: string;
		}): Promise<Result<string, ErrorCode>> {
			const checked = await checkExport(input);
			if (!checked.ok) return checked;
			const id = jobs.start(input, async (onProgress) => {
				const { zip, manifest } = await build(input, onProgress);
				return { zip, name: `${manifest.council.slug}-${input.from}-${input.to}.zip` };
			});
			return id
				? ok(id)
				: fail('invalid-input', 'Two exports are already under way; wait for one to finish.');
		},

		/** How the export stands; only the person who started it (while still allowed to export) sees it. */
		async exportProgress(
			userId: string,
			councilId: string,
			id: string
		): Promise<Result<ExportProgress & { file: ExportFile | null }, ErrorCode>> {
			const access = await authorise(sql, userId, councilId, CouncilAction.exportArchive);
			if (!access.ok) return access;
			const job = jobs.find({ userId, councilId }, id);
			return job ? ok(job) : fail('not-found', 'No such export (finished exports are kept for 15 minutes).');
		}
	};
}
