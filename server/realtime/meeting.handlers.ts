import { pacedAnnouncements } from '../../src/lib/server/services/announcement-pacing';
import { packFacts } from '../../src/lib/protocol/fact-packing';
import { factsForWire, hiddenVotes, snapshotForWire } from '../../src/lib/protocol/wire-view';
import { snapshotPacker } from '../../src/lib/protocol/snapshot-packing';
import { ClientEvents } from '../../src/lib/protocol/socket-events';
import type { ErrorCode } from '../../src/lib/protocol/errors';
import type { AppContext } from '../../src/lib/server/context';
import type { Logger } from '../log';
import { handler } from './handler';
import type { YishiIo, YishiSocket } from './socket-server';

export const MEETING_ROOM_PREFIX = 'meeting:';
export const meetingRoom = (meetingId: string) => `${MEETING_ROOM_PREFIX}${meetingId}`;

const asError = (e: { code: ErrorCode; message: string }) => ({ code: e.code, message: e.message });

/** How often at most a crowd of ballots or check-ins is announced to a meeting (see announcement-pacing.ts). */
export const CROWD_ANNOUNCE_GAP_MS = 250;

/**
 * Facts go to everyone in the meeting's room once per appended batch, not once per command, and
 * a crowd's batches at most every CROWD_ANNOUNCE_GAP_MS: a vote of 2,000 ballots is then a handful
 * of broadcasts instead of 2,000, with its turnout packed as roster positions (see fact-packing.ts).
 */
export function announceMeetingFacts(io: YishiIo, ctx: AppContext): { stop(): void } {
	const paced = pacedAnnouncements(CROWD_ANNOUNCE_GAP_MS, (meetingId, events, after) => {
		const shown = factsForWire(events, hiddenVotes(after, 'live'));
		io.to(meetingRoom(meetingId)).emit('meeting:events', {
			meetingId,
			events: packFacts(shown, after.roster)
		});
	});
	const unsubscribe = ctx.services.meetingRooms.onFacts(paced.announce);
	return {
		stop() {
			unsubscribe();
			paced.flushAll();
		}
	};
}

/** One packing per meeting state, whichever socket asks (see snapshot-packing.ts). */
const packed = snapshotPacker();

/** Join a meeting's live room and send commands to it; facts go to everyone in the room after commit. */
export function registerMeetingHandlers(io: YishiIo, socket: YishiSocket, ctx: AppContext, log: Logger) {
	const rooms = ctx.services.meetingRooms;
	const { user } = socket.data;

	socket.on(
		'meeting:join',
		handler(log, 'meeting:join', ClientEvents['meeting:join'], async ({ meetingId, since }) => {
			const admitted = await rooms.admit(user.id, meetingId);
			if (!admitted.ok) return { ok: false, error: asError(admitted.error) };
			// In the room before reading the log: a fact committed meanwhile then arrives as an event
			// (the client skips what its snapshot already holds) instead of falling into a gap.
			socket.data.meetings.set(meetingId, admitted.value);
			await socket.join(meetingRoom(meetingId));
			const joined = await rooms.join(user.id, meetingId, since);
			if (!joined.ok) {
				socket.data.meetings.delete(meetingId);
				await socket.leave(meetingRoom(meetingId));
				return { ok: false, error: asError(joined.error) };
			}
			const { actor, seq, snapshot, events, state } = joined.value;
			return {
				ok: true,
				value: {
					actor,
					seq,
					snapshot: snapshot && packed(snapshot, snapshotForWire),
					events: factsForWire(events, hiddenVotes(state, 'still-voting'))
				}
			};
		})
	);

	socket.on(
		'meeting:command',
		handler(
			log,
			'meeting:command',
			ClientEvents['meeting:command'],
			async ({ meetingId, commandId, command }) => {
				const done = await rooms.command(user.id, meetingId, commandId, command);
				if (!done.ok) return { ok: false, error: asError(done.error) };
				// The room hears new facts once per appended batch (see announceMeetingFacts).
				// The sender's own facts, choices included; only published ballots stay off the socket.
				return { ok: true, value: { events: factsForWire(done.value.events) } };
			}
		)
	);
}
