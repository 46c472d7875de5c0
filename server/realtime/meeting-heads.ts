import type { AppContext } from '../../src/lib/server/context';
import { eventLogRepository } from '../../src/lib/server/repositories/event-log.repository';
import type { Logger } from '../log';
import type { YishiIo } from './socket-server';
import { MEETING_ROOM_PREFIX, meetingRoom } from './meeting.handlers';

/**
 * Tells everyone following a meeting on this instance where its log stands. Called when the link
 * between instances comes back: facts another instance announced while it was down never reached
 * this one's clients, and nothing else would tell them until the meeting's next fact (a vote's
 * result could stay off their screens for good). Those behind re-join for what they missed.
 */
export async function tellMeetingHeads(io: YishiIo, ctx: AppContext, log: Logger): Promise<number> {
	const meetingIds = [...io.of('/').adapter.rooms.keys()]
		.filter((room) => room.startsWith(MEETING_ROOM_PREFIX))
		.map((room) => room.slice(MEETING_ROOM_PREFIX.length));
	const logs = eventLogRepository(ctx.db.sql);
	let told = 0;
	for (const meetingId of meetingIds) {
		try {
			const { seq } = await logs.head(meetingId);
			// Local only: every other instance tells its own clients when its own link comes back.
			io.local.to(meetingRoom(meetingId)).emit('meeting:head', { meetingId, seq });
			told += 1;
		} catch (error) {
			log.error(`cannot tell meeting ${meetingId} where its log stands`, error);
		}
	}
	return told;
}
