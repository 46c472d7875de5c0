import { describe, expect, it } from 'vitest';
import { foldMeeting } from '../domain/meeting/evolve';
import type { RecordedFact } from '../domain/meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../domain/meeting/meeting-state';
import { packSnapshot, snapshotPacker, unpackSnapshot } from './snapshot-packing';

const at = '2026-11-15T01:00:00.000Z';
const itemAdded = (seq: number, title: string): RecordedFact =>
	({
		type: 'agenda:item-add',
		payload: {
			itemId: `item-${seq}`,
			index: seq - 1,
			fields: {
				title,
				description: '',
				presenter: null,
				plannedMinutes: 10,
				kind: 'discussion',
				documentId: null
			}
		},
		seq,
		actorId: 'u-1',
		occurredAt: at
	}) as RecordedFact;

const stateWith = (titles: string[]) =>
	foldMeeting(
		titles.map((t, i) => itemAdded(i + 1, t)),
		initialMeetingState
	);

describe('snapshot packing', () => {
	it('unpacks to the state as JSON carries it, Chinese text included, from a Uint8Array or an ArrayBuffer', () => {
		const state = stateWith(['停车收费方案', 'Parking fees']);
		const packed = packSnapshot(state);
		const expected = JSON.parse(JSON.stringify(state)) as MeetingState;
		expect(unpackSnapshot(packed)).toStrictEqual(expected);
		const copy = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength);
		expect(unpackSnapshot(copy as ArrayBuffer)).toStrictEqual(expected);
	});

	it('is smaller than the JSON it packs', () => {
		const state = stateWith(Array.from({ length: 200 }, (_, i) => `议题 ${i}：楼道堆物清理`));
		expect(packSnapshot(state).byteLength).toBeLessThan(JSON.stringify(state).length / 3);
	});

	it('packs each state once, through the wire view, and a new state anew', () => {
		const packer = snapshotPacker();
		let views = 0;
		const forWire = (s: MeetingState) => (views++, { ...s, agenda: s.agenda.slice(0, 1) });
		const one = stateWith(['一', '二']);
		const packed = packer(one, forWire);
		expect(packer(one, forWire)).toBe(packed);
		expect(views).toBe(1);
		expect(unpackSnapshot(packed).agenda.map((i) => i.title)).toEqual(['一']);
		const two = foldMeeting([itemAdded(3, '三')], one);
		expect(packer(two, forWire)).not.toBe(packed);
		expect(views).toBe(2);
	});
});
