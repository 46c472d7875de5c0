import { z } from 'zod';
import { VotingCommandInputs } from './voting.schema';

const id = z.string().min(1).max(64);
const memberId = z.uuid();

export const AgendaItemFieldsInput = z.object({
	title: z.string().trim().min(1).max(200),
	description: z.string().trim().max(4000).default(''),
	presenter: z.string().trim().max(80).nullable().default(null),
	plannedMinutes: z.coerce.number().int().min(1).max(600),
	kind: z.enum(['information', 'discussion', 'decision']),
	documentId: z.uuid().nullable().default(null)
});

/** Every command a client may send, parsed before the domain sees it. */
export const MeetingCommandInput = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('agenda:item-add'),
		itemId: id,
		fields: AgendaItemFieldsInput,
		index: z.number().int().min(0).optional()
	}),
	z.object({ type: z.literal('agenda:item-edit'), itemId: id, fields: AgendaItemFieldsInput }),
	z.object({ type: z.literal('agenda:item-move'), itemId: id, index: z.number().int().min(0).max(1000) }),
	z.object({ type: z.literal('agenda:item-remove'), itemId: id }),
	z.object({ type: z.literal('meeting:open') }),
	z.object({ type: z.literal('meeting:pause') }),
	z.object({ type: z.literal('meeting:resume') }),
	z.object({ type: z.literal('meeting:adjourn') }),
	z.object({ type: z.literal('agenda:item-start'), itemId: id }),
	z.object({ type: z.literal('agenda:next') }),
	z.object({ type: z.literal('agenda:previous') }),
	z.object({ type: z.literal('agenda:item-extend'), itemId: id, minutes: z.number().int().min(1).max(240) }),
	z.object({ type: z.literal('attendance:check-in'), memberId, mode: z.enum(['remote', 'in-person']) }),
	z.object({ type: z.literal('attendance:leave'), memberId }),
	z.object({ type: z.literal('proxy:grant'), giverId: memberId, holderId: memberId }),
	z.object({ type: z.literal('proxy:withdraw'), giverId: memberId }),
	z.object({ type: z.literal('speaker:hand-raise'), memberId, pointOfOrder: z.boolean().default(false) }),
	z.object({ type: z.literal('speaker:hand-lower'), memberId }),
	z.object({ type: z.literal('speaker:floor-give'), memberId }),
	z.object({ type: z.literal('speaker:floor-end') }),
	...VotingCommandInputs
]);

export const MeetingJoinInput = z
	.object({ meetingId: z.uuid(), since: z.number().int().min(0).optional() })
	.strict();

export const MeetingCommandEnvelope = z
	.object({
		meetingId: z.uuid(),
		/** Chosen by the client per user action; a retry with the same id never acts twice. */
		commandId: z.string().min(8).max(64),
		command: MeetingCommandInput
	})
	.strict();
