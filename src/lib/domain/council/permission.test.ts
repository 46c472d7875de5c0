import { describe, expect, it } from 'vitest';
import { can, COUNCIL_ACTIONS, CouncilAction } from './permission';
import { ROLES, type Role } from './role';

/**
 * The authorisation matrix, written out as the specification (not derived from the code).
 * Observers read; clerks record; voters speak and vote; moderators run the council.
 * A person with no active membership (role null) may do nothing at all.
 */
const Y = true;
const _ = false;
const COLUMNS = ['moderator', 'member', 'representative', 'clerk', 'observer', null] as const;

// prettier-ignore
const MATRIX: Record<CouncilAction, readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = {
	//                       moderator member representative clerk observer non-member
	'council:view':          [Y,        Y,     Y,             Y,    Y,       _],
	'council:edit':          [Y,        _,     _,             _,    _,       _],
	'member:manage':         [Y,        _,     _,             _,    _,       _],
	'member:view-contacts':  [Y,        _,     _,             Y,    _,       _],
	'meeting:schedule':      [Y,        _,     _,             Y,    _,       _],
	'meeting:run':           [Y,        _,     _,             _,    _,       _],
	'attendance:check-in':   [Y,        _,     _,             Y,    _,       _],
	'ballot:cast':           [Y,        Y,     Y,             _,    _,       _],
	'speaker:raise-hand':    [Y,        Y,     Y,             Y,    _,       _],
	'document:read':         [Y,        Y,     Y,             Y,    Y,       _],
	'document:edit':         [Y,        Y,     Y,             Y,    _,       _],
	'document:freeze':       [Y,        _,     _,             Y,    _,       _],
	'minutes:edit':          [Y,        _,     _,             Y,    _,       _],
	'archive:export':        [Y,        _,     _,             Y,    _,       _]
};

const cells = COUNCIL_ACTIONS.flatMap((action) =>
	COLUMNS.map((role, i) => ({ action, role, allowed: MATRIX[action][i]! }))
);

describe('council permissions', () => {
	it('[permission:matrix] the specification names every action and every role', () => {
		expect(Object.keys(MATRIX).sort()).toEqual([...COUNCIL_ACTIONS].sort());
		expect(COLUMNS.filter((c): c is Role => c !== null).sort()).toEqual([...ROLES].sort());
	});

	it.each(cells)('[permission:matrix] $role → $action: $allowed', ({ action, role, allowed }) => {
		expect(can({ role }, action)).toBe(allowed);
	});

	it('[permission:non-member] someone without an active membership may do nothing', () => {
		expect(COUNCIL_ACTIONS.filter((a) => can({ role: null }, a))).toEqual([]);
	});

	it('[permission:moderator] a moderator may do everything', () => {
		expect(COUNCIL_ACTIONS.filter((a) => !can({ role: 'moderator' }, a))).toEqual([]);
	});

	it('[permission:observer] an observer only reads', () => {
		const allowed = COUNCIL_ACTIONS.filter((a) => can({ role: 'observer' }, a));
		expect(allowed.sort()).toEqual([CouncilAction.view, CouncilAction.readDocument].sort());
	});
});
