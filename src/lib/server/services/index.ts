import { archiveService } from './archive.service';
import { councilService } from './council.service';
import { documentService } from './document.service';
import { recordingFrozenVersions } from './frozen-version-record';
import { adoptCarriedAmendments } from './amendment-adoption';
import { followUpService } from './follow-up.service';
import type { ServiceDeps } from './deps';
import { inviteService } from './invite.service';
import { memberService } from './member.service';
import { minutesService } from './minutes.service';
import { meetingRoomService } from './meeting-room.service';
import { recordVerificationService } from './record-verification.service';
import { scheduleService } from './schedule.service';
import { sessionService } from './session.service';
import { userRepository } from '../repositories/user.repository';

export function createServices(deps: ServiceDeps) {
	const followUps = followUpService(deps);
	const meetingRooms = meetingRoomService(deps);
	const documents = recordingFrozenVersions(documentService(deps), meetingRooms);
	adoptCarriedAmendments(meetingRooms, documents, deps.events);
	return {
		councils: councilService(deps),
		members: memberService(deps),
		invites: inviteService(deps),
		sessions: sessionService(deps),
		meetingRooms,
		records: recordVerificationService(deps),
		schedule: scheduleService(deps),
		documents,
		followUps,
		minutes: minutesService(deps, {
			mattersArising: (meetingId) => followUps.mattersArisingForMinutes(meetingId)
		}),
		archive: archiveService(deps),
		demoPeople: () => userRepository(deps.sql).listDemo()
	};
}

export type Services = ReturnType<typeof createServices>;
