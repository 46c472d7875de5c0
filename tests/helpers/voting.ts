import { randomBytes, randomUUID } from 'node:crypto';
import type { MeetingCommand } from '../../src/lib/domain/meeting/meeting-command';
import type { Choice } from '../../src/lib/domain/voting/motion';
import type { AppContext } from '../../src/lib/server/context';
import { createMeeting, seedCouncil, type Seedable, type SeededMember } from './seed';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A receipt code as a voter's device makes one. */
export function newReceipt(): string {
	const bytes = randomBytes(20);
	const chars = [...bytes].map((b) => CROCKFORD[b % 32]).join('');
	return chars.match(/.{5}/g)!.join('-');
}

export const propose = (itemId: string, text: string, motionId = randomUUID()): MeetingCommand => ({
	type: 'motion:propose',
	motionId,
	itemId,
	text
});

export const cast = (
	motionId: string,
	choice: Choice,
	o: { voterId?: string; receipt?: string } = {}
): MeetingCommand => ({
	type: 'ballot:cast',
	motionId,
	choice,
	...o
});

/** Runs a command through the real meeting room service (decide, group commit, log); throws on refusal. */
export async function run(ctx: AppContext, userId: string, meetingId: string, command: MeetingCommand) {
	const done = await ctx.services.meetingRooms.command(userId, meetingId, randomUUID(), command);
	if (!done.ok) throw new Error(`${command.type} refused: ${done.error.code} ${done.error.message}`);
	return done.value.events;
}

export interface BigCouncil {
	councilId: string;
	meetingId: string;
	moderator: SeededMember;
	voters: SeededMember[];
}

/**
 * A council with `size` voting members, inserted in bulk (the member service would take minutes
 * for thousands), and one scheduled meeting.
 */
export async function seedLargeCouncil(t: Seedable, size: number): Promise<BigCouncil> {
	const { council, moderator } = await seedCouncil(t, []);
	const run = randomUUID().slice(0, 8);
	const users = await t.sql<{ id: string }[]>`
		insert into users (name, email)
		select '选民 ' || i, ${`voter-${run}-`} || i || '@example.test' from generate_series(1, ${size}) i
		returning id`;
	const members = await t.sql<{ id: string; userId: string }[]>`
		insert into council_member (council_id, user_id, role, check_in_code)
		select ${council.id}, u.id, 'member', lpad((1000000 + row_number() over ())::text, 8, '0')
		from unnest(${t.sql.array(users.map((u) => u.id))}::uuid[]) as u(id)
		returning id, user_id`;
	const meeting = await createMeeting(t, council.id);
	return {
		councilId: council.id,
		meetingId: meeting.id,
		moderator,
		voters: members.map((m) => ({ memberId: m.id, userId: m.userId }))
	};
}
