import { councilService } from './council.service';
import { documentService } from './document.service';
import { followUpService } from './follow-up.service';
import type { ServiceDeps } from './deps';
import { inviteService } from './invite.service';
import { memberService } from './member.service';
import { meetingRoomService } from './meeting-room.service';
import { recordVerificationService } from './record-verification.service';
import { scheduleService } from './schedule.service';
import { sessionService } from './session.service';
import { userRepository } from '../repositories/user.repository';

export function createServices(deps: ServiceDeps) {
	return {
		councils: councilService(deps),
		members: memberService(deps),
		invites: inviteService(deps),
		sessions: sessionService(deps),
		meetingRooms: meetingRoomService(deps),
		records: recordVerificationService(deps),
		schedule: scheduleService(deps),
		documents: documentService(deps),
		followUps: followUpService(deps),
		demoPeople: () => userRepository(deps.sql).listDemo()
	};
}

export type Services = ReturnType<typeof createServices>;
