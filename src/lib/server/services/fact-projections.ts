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

export interface Projection {
	/** The facts it reads; a batch with none of them is stored without waiting for it. */
	concerns: ReadonlySet<RecordedFact['type']>;
	project: FactProjection;
}

export const FACT_PROJECTIONS: readonly Projection[] = [
	{ concerns: new Set(['task:create', 'task:update']), project: projectFollowUpTasks }
];

/** The projections `facts` call for. */
export const projectionsOf = (facts: readonly { type: string }[]): Projection[] =>
	FACT_PROJECTIONS.filter((p) => facts.some((f) => p.concerns.has(f.type as RecordedFact['type'])));
