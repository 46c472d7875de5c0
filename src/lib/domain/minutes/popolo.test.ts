import { describe, expect, it } from 'vitest';
import type { Minutes, MinutesMotion } from './minutes';
import { toPopolo } from './popolo';

const person = (memberId: string, name: string) => ({ memberId, name, role: 'member' as const });

/** Just what the export reads: two members called 王伟, one of whom moves a motion. */
function minutes(withIds: boolean): Minutes {
	const motion = {
		id: 'm1',
		number: 1,
		kind: 'main',
		amends: null,
		text: '加装电梯',
		document: null,
		mover: '王伟',
		...(withIds ? { moverId: 'w2' } : {}),
		seconder: null,
		status: 'draft',
		proposedAt: '2026-12-15T01:30:00.000Z',
		recusals: [],
		vote: null
	} as MinutesMotion;
	return {
		meetingId: 'meeting-1',
		status: 'adjourned',
		header: {
			councilName: '百事可乐议事会',
			meetingTitle: '例会',
			meetingType: 'regular',
			scheduledAt: null
		},
		attendance: {
			inPerson: [person('w1', '王伟'), person('w2', '王伟')],
			remote: [],
			byProxy: [],
			absent: [],
			lateArrivals: [],
			departures: []
		},
		items: [{ number: 1, title: '加装电梯', notes: '', motions: [motion] }]
	} as unknown as Minutes;
}

describe('Popolo people', () => {
	it('keeps two members of one name apart, by member id', () => {
		const popolo = toPopolo(minutes(true));
		expect(popolo.persons).toEqual([
			{ id: 'person:w1', name: '王伟' },
			{ id: 'person:w2', name: '王伟' }
		]);
		expect(popolo.events[0]!.attendees.map((a) => a.person_id)).toEqual(['person:w1', 'person:w2']);
		expect(popolo.motions[0]!.creator_id).toBe('person:w2');
	});

	it('names the mover of minutes stored before ids were recorded', () => {
		expect(toPopolo(minutes(false)).motions[0]!.creator_id).toBe('person:王伟');
	});
});
