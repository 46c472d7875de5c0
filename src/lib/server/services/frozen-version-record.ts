import type { documentService } from './document.service';
import type { meetingRoomService } from './meeting-room.service';

type Documents = ReturnType<typeof documentService>;
type MeetingRooms = ReturnType<typeof meetingRoomService>;

/**
 * A version frozen during a meeting is also a fact of that meeting, so its minutes (and a motion
 * bound to it) show exactly which text existed when. The command id is derived from the version,
 * so a retry records it once; a meeting that is not running keeps the version without the fact.
 */
export function recordingFrozenVersions(documents: Documents, meetingRooms: MeetingRooms): Documents {
	return {
		...documents,
		async freezeVersion(o) {
			const frozen = await documents.freezeVersion(o);
			if (frozen.ok && o.meetingId) {
				const { documentId, versionId, name, sha256 } = frozen.value;
				await meetingRooms.command(o.actorId, o.meetingId, `freeze:${versionId}`, {
					type: 'document:version-frozen',
					version: { documentId, versionId, name, sha256 }
				});
			}
			return frozen;
		}
	};
}
