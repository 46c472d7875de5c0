export const Role = {
	moderator: 'moderator',
	member: 'member',
	representative: 'representative',
	clerk: 'clerk',
	observer: 'observer'
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who casts ballots. A representative votes on behalf of an organisation (a property company, a merchant). */
export function isVotingRole(role: Role): boolean {
	switch (role) {
		case Role.moderator:
		case Role.member:
		case Role.representative:
			return true;
		case Role.clerk:
		case Role.observer:
			return false;
	}
}
