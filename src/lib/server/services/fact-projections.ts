import type { Sql } from '../db/database';
import type { RecordedFact } from '../../domain/meeting/meeting-events';
import { projectFollowUpTasks } from '../projections/follow-up-task.projection';

export interface ProjectedMeeting {
	meetingId: string;
	councilId: string;
}

/**
 * Tables kept in step with the meeting log (e.g. follow-up tasks), written in the same
 * transaction as the facts, so that a crash can never leave one without the other.
 */
export type FactProjection = (
	tx: Sql,
	meeting: ProjectedMeeting,
	facts: readonly RecordedFact[]
) => Promise<void>;

export const FACT_PROJECTIONS: FactProjection[] = [projectFollowUpTasks];
