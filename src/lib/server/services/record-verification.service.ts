import { CouncilAction } from '../../domain/council/permission';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import { firstBrokenSeq } from '../event-log/event-hash';
import { eventLogRepository } from '../repositories/event-log.repository';
import { meetingRepository } from '../repositories/meeting.repository';
import type { Pool } from '../db/database';
import { authorise } from './council-access';
import type { ServiceDeps } from './deps';

export interface RecordCheck {
	meetingId: string;
	events: number;
	/** The hash of the last event: publish it, and anyone can later prove the record unchanged. */
	headHash: string | null;
	intact: boolean;
	/** The first event whose stored hash does not follow from its content and its predecessor. */
	firstBrokenSeq: number | null;
}

/** Walks a meeting's hash chain from the start. */
export async function checkRecord(sql: Pool, meetingId: string): Promise<RecordCheck> {
	const log = eventLogRepository(sql);
	const events = [];
	for (let after = 0; ;) {
		const batch = await log.readSince(meetingId, after, 5_000);
		events.push(...batch);
		if (batch.length < 5_000) break;
		after = batch.at(-1)!.seq;
	}
	const broken = firstBrokenSeq(events);
	return {
		meetingId,
		events: events.length,
		headHash: events.at(-1)?.hash ?? null,
		intact: broken === null,
		firstBrokenSeq: broken
	};
}

export function recordVerificationService(deps: ServiceDeps) {
	return {
		/** Any member may check the record of their council's meetings. */
		async verify(userId: string, meetingId: string): Promise<Result<RecordCheck, ErrorCode>> {
			const meeting = await meetingRepository(deps.sql).findById(meetingId);
			if (!meeting) return fail('not-found', 'No such meeting.');
			const access = await authorise(deps.sql, userId, meeting.councilId, CouncilAction.view);
			if (!access.ok) return access;
			return ok(await checkRecord(deps.sql, meetingId));
		}
	};
}
