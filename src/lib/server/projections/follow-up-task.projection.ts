import type { FactProjection } from '../services/fact-projections';
import { followUpRepository } from '../repositories/follow-up.repository';

/**
 * Keeps follow_up_task and follow_up_progress in step with task facts in a meeting's log. Runs in
 * the transaction that appends the facts; a fact projected twice changes nothing the second time
 * (the task by its id, a change by its log entry). An update naming a task this council does not
 * have stays in the log but touches no task.
 */
export const projectFollowUpTasks: FactProjection = async (tx, meeting, facts) => {
	const tasks = followUpRepository(tx);
	for (const fact of facts) {
		if (fact.type === 'task:create') {
			const p = fact.payload;
			await tasks.insertTask({
				id: p.taskId,
				councilId: meeting.councilId,
				title: p.title,
				ownerMemberId: p.ownerMemberId,
				ownerOrganisation: p.ownerOrganisation,
				dueOn: p.dueOn,
				createdInMeeting: meeting.meetingId,
				itemId: p.itemId,
				motionId: p.motionId,
				createdBy: fact.actorId,
				createdAt: new Date(fact.occurredAt)
			});
		} else if (fact.type === 'task:update') {
			const p = fact.payload;
			if (!(await tasks.findInCouncil(meeting.councilId, p.taskId))) continue;
			await tasks.addProgress({
				taskId: p.taskId,
				at: new Date(fact.occurredAt),
				status: p.status,
				note: p.note,
				actor: fact.actorId,
				meetingId: meeting.meetingId,
				meetingSeq: fact.seq
			});
		}
	}
};
