import { performance } from 'node:perf_hooks';
import { generateMinutes } from '../src/lib/domain/minutes/generate-minutes';
import { buildArchive } from '../src/lib/server/archive/archive-bundle';
import { eventLogRepository } from '../src/lib/server/repositories/event-log.repository';
import { meetingRepository } from '../src/lib/server/repositories/meeting.repository';
import { minutesRepository } from '../src/lib/server/repositories/minutes.repository';
import { userRepository } from '../src/lib/server/repositories/user.repository';
import { toFact } from '../src/lib/server/services/meeting-room.service';
import { jinghuMay } from '../tests/fixtures/minutes/scripted-meetings';
import { startBenchApp } from './bench-app';

/**
 * `archive_meetings=N archive_ms=…`: a council with N monthly meetings, each with the Jinghu May
 * meeting's record (made by the real core) and approved minutes, exported as one zip.
 */
export async function benchArchive(meetings: number): Promise<string> {
	const { app, dispose } = await startBenchApp('yishi-archive-bench-');
	try {
		const { sql } = app.ctx.db;
		const clerk = await userRepository(sql).create({ name: '方小敏', email: null });
		const council = await app.ctx.services.councils.create(clerk.id, {
			nameZh: '景湖社区老年协会',
			nameEn: 'Jinghu Elder Association',
			descriptionZh: '',
			descriptionEn: '',
			kind: 'elder-association'
		});
		const script = jinghuMay();
		const rows = [];
		for (let i = 0; i <= meetings; i++) {
			rows.push(
				await meetingRepository(sql).insert({
					councilId: council.id,
					titleZh: `第 ${i + 1} 次月度例会`,
					titleEn: `Monthly meeting ${i + 1}`,
					startsAt: new Date(Date.UTC(2016, i, 15, 1, 30)),
					plannedMinutes: 120,
					location: '景湖社区老年活动室',
					onlineUrl: null,
					createdBy: clerk.id
				})
			);
		}
		const log = eventLogRepository(sql);
		for (const [i, meeting] of rows.slice(0, meetings).entries()) {
			const appended = await log.append({
				meetingId: meeting.id,
				expectedSeq: 0,
				events: script.facts.map((f) => ({ type: f.type, payload: f.payload, actorId: null })),
				occurredAt: meeting.startsAt
			});
			if (!appended.ok) throw new Error('archive bench: append refused');
			const facts = appended.value.map(toFact);
			const head = appended.value.at(-1)!;
			const generated = {
				zh: generateMinutes({ ...script, meetingId: meeting.id, facts, logHead: head }),
				en: generateMinutes({ ...script, meetingId: meeting.id, facts, logHead: head })
			};
			const stored = { meetingId: meeting.id, generated, logSeq: head.seq, logHash: head.hash };
			await minutesRepository(sql).saveDraft({
				...stored,
				notes: script.notes ?? {},
				correctionReason: null,
				createdBy: clerk.id
			});
			await minutesRepository(sql).approveDraft({
				...stored,
				approvedAt: new Date(),
				approvedInMeetingId: rows[i + 1]!.id,
				approvedBy: clerk.id
			});
		}
		const t0 = performance.now();
		const { manifest, zip } = await buildArchive({
			sql,
			councilId: council.id,
			from: '2016-01-01',
			to: '2030-12-31',
			now: new Date()
		});
		const ms = performance.now() - t0;
		return `archive_meetings=${manifest.logs.length - 1} archive_ms=${ms.toFixed(0)} archive_files=${manifest.files.length} archive_mb=${(zip.length / 2 ** 20).toFixed(1)}`;
	} finally {
		await dispose();
	}
}
