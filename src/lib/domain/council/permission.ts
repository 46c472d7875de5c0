import { Role } from './role';

/** Everything a person may try to do within one council. */
export const CouncilAction = {
	view: 'council:view',
	edit: 'council:edit',
	manageMembers: 'member:manage',
	viewMemberContacts: 'member:view-contacts',
	scheduleMeeting: 'meeting:schedule',
	runMeeting: 'meeting:run',
	checkIn: 'attendance:check-in',
	castBallot: 'ballot:cast',
	raiseHand: 'speaker:raise-hand',
	readDocument: 'document:read',
	editDocument: 'document:edit',
	freezeDocument: 'document:freeze',
	takeMinutes: 'minutes:edit',
	exportArchive: 'archive:export'
} as const;

export type CouncilAction = (typeof CouncilAction)[keyof typeof CouncilAction];

export const COUNCIL_ACTIONS: readonly CouncilAction[] = Object.values(CouncilAction);

const { moderator, member, representative, clerk, observer } = Role;
const everyone = [moderator, member, representative, clerk, observer] as const;

/**
 * The single table of who may do what. Observers read; clerks record; voters speak and vote;
 * moderators run the council. Edit here, and the authorisation matrix test shows the change.
 */
const ALLOWED: Record<CouncilAction, readonly Role[]> = {
	'council:view': everyone,
	'council:edit': [moderator],
	'member:manage': [moderator],
	'member:view-contacts': [moderator, clerk],
	'meeting:schedule': [moderator, clerk],
	'meeting:run': [moderator],
	'attendance:check-in': [moderator, clerk],
	'ballot:cast': [moderator, member, representative],
	'speaker:raise-hand': [moderator, member, representative, clerk],
	'document:read': everyone,
	'document:edit': [moderator, member, representative, clerk],
	'document:freeze': [moderator, clerk],
	'minutes:edit': [moderator, clerk],
	'archive:export': [moderator, clerk]
};

/** The actor as far as one council is concerned: their membership there, if any and not revoked. */
export interface CouncilActor {
	role: Role | null;
}

export function can(actor: CouncilActor, action: CouncilAction): boolean {
	return actor.role !== null && ALLOWED[action].includes(actor.role);
}
