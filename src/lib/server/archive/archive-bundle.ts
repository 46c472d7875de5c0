import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import type { Pool } from '../db/database';
import { MINUTES_FORMATS, minutesFile } from '../minutes/minutes-files';
import { archiveRepository } from '../repositories/archive.repository';
import { councilRepository } from '../repositories/council.repository';
import { eventLogRepository } from '../repositories/event-log.repository';
import { minutesRepository } from '../repositories/minutes.repository';

export interface ManifestFile {
	path: string;
	bytes: number;
	sha256: string;
}

export interface ArchiveManifest {
	council: { id: string; slug: string; nameZh: string; nameEn: string };
	from: string;
	to: string;
	generatedAt: string;
	/** Each meeting's log as exported: its last seq and the hash-chain head, to check against the record. */
	logs: { meetingId: string; title: string; startsAt: string; seq: number; hash: string }[];
	files: ManifestFile[];
}

/** A China Standard Time calendar day as the instant it starts. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
export const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Every approved minutes version of a council's meetings in [from, to] (every format, both
 * languages), each meeting's log as JSON, the frozen document versions, and manifest.json with
 * the SHA-256 of every file and each log's hash-chain head. `onProgress` hears done/total.
 */
export async function buildArchive(input: {
	sql: Pool;
	councilId: string;
	from: string;
	to: string;
	now: Date;
	onProgress?: (done: number, total: number) => void;
}): Promise<{ zip: Uint8Array; manifest: ArchiveManifest }> {
	const { sql } = input;
	const council = (await councilRepository(sql).findById(input.councilId))!;
	const [start, end] = [dayStart(input.from), dayAfter(input.to)];
	const archive = archiveRepository(sql);
	const [meetings, approved, frozen] = await Promise.all([
		archive.meetings(council.id, start, end),
		minutesRepository(sql).listApproved(council.id, start, end),
		archive.frozenVersions(council.id, start, end)
	]);
	const files: Record<string, Uint8Array> = {};
	const logs: ArchiveManifest['logs'] = [];
	const total = meetings.length + approved.length + 1;
	let done = 0;
	const log = eventLogRepository(sql);
	for (const m of meetings) {
		const events = await log.readSince(m.id, 0, 1_000_000);
		const day = m.startsAt.toISOString().slice(0, 10);
		const head = events.at(-1);
		logs.push({
			meetingId: m.id,
			title: m.titleZh,
			startsAt: m.startsAt.toISOString(),
			seq: head?.seq ?? 0,
			hash: head?.hash ?? '0'.repeat(64)
		});
		files[`meetings/${day}-${m.id}/log.json`] = utf8(
			JSON.stringify({ meetingId: m.id, titleZh: m.titleZh, titleEn: m.titleEn, events }, null, 2)
		);
		input.onProgress?.(++done, total);
	}
	const dayOf = new Map(meetings.map((m) => [m.id, m.startsAt.toISOString().slice(0, 10)]));
	for (const v of approved) {
		const folder = `meetings/${dayOf.get(v.meetingId)}-${v.meetingId}/minutes-v${v.version}`;
		for (const locale of ['zh', 'en'] as const) {
			for (const format of MINUTES_FORMATS) {
				const file = await minutesFile(v.generated[locale], format, locale, 'minutes');
				files[`${folder}/${file.name}`] = file.body;
			}
		}
		input.onProgress?.(++done, total);
	}
	for (const f of frozen) {
		files[`documents/${f.documentId}/${f.frozenAt.toISOString().slice(0, 10)}-${f.id}.html`] = utf8(
			`<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(f.documentTitle)} · ${escape(f.name)}</title></head>\n<body>\n<!-- sha256 of the version's canonical content: ${f.sha256} -->\n${f.html}\n</body></html>\n`
		);
	}
	const manifest: ArchiveManifest = {
		council: { id: council.id, slug: council.slug, nameZh: council.nameZh, nameEn: council.nameEn },
		from: input.from,
		to: input.to,
		generatedAt: input.now.toISOString(),
		logs,
		files: Object.entries(files)
			.map(([path, bytes]) => ({ path, bytes: bytes.length, sha256: sha256(bytes) }))
			.sort((a, b) => (a.path < b.path ? -1 : 1))
	};
	files['manifest.json'] = utf8(JSON.stringify(manifest, null, 2) + '\n');
	// PDFs and DOCX files are compressed already; storing them saves time and little space.
	const zip = zipSync(
		Object.fromEntries(
			Object.entries(files).map(([p, b]) => [p, [b, { level: /\.(pdf|docx)$/.test(p) ? 0 : 6 }]])
		)
	);
	input.onProgress?.(++done, total);
	return { zip, manifest };
}

const escape = (s: string) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
