import { describe, expect, it } from 'vitest';
import { isRole, isVotingRole, Role, ROLES } from './role';

describe('roles', () => {
	it('[role:catalogue] there are exactly five roles', () => {
		expect([...ROLES].sort()).toEqual(['clerk', 'member', 'moderator', 'observer', 'representative']);
	});

	it.each(['moderator', 'member', 'representative', 'clerk', 'observer'])(
		'[role:parse] %s is a role',
		(value) => {
			expect(isRole(value)).toBe(true);
		}
	);

	it.each([['admin'], ['Moderator'], [' member'], [''], [null], [undefined], [1], [{}], [['clerk']]])(
		'[role:parse] %j is not a role',
		(value) => {
			expect(isRole(value)).toBe(false);
		}
	);

	it.each([
		[Role.moderator, true],
		[Role.member, true],
		[Role.representative, true],
		[Role.clerk, false],
		[Role.observer, false]
	])('[role:voting] %s votes: %s', (role, votes) => {
		expect(isVotingRole(role)).toBe(votes);
	});
});
