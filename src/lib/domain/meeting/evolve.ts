import { DEFAULT_VOTING_RULES } from '../voting/motion';
import { evolveMotions } from '../voting/motion-evolve';
import { insertAt, moveTo } from './agenda';
import type { RecordedFact } from './meeting-events';
import { MeetingStatus, type AgendaItem, type MeetingState } from './meeting-state';
import { ownedFold, put, type Owned } from './transient';

/**
 * Applies one recorded fact. Pure and total: the same log always folds to the same state, on the
 * server and in every browser. Facts were validated when decided, so nothing is re-checked here.
 * `owned` makes it a step of a transient fold (see transient.ts): the state passed in must then be
 * the fold's own previous step, which this step may change.
 */
export function evolve(state: MeetingState, fact: RecordedFact, owned?: Owned): MeetingState {
	const at = fact.occurredAt;
	const s: MeetingState = { ...state, seq: fact.seq };
	switch (fact.type) {
		case 'agenda:item-add': {
			const item: AgendaItem = {
				...fact.payload.fields,
				id: fact.payload.itemId,
				status: 'pending',
				startedAt: null,
				elapsedMs: 0,
				extendedMinutes: 0
			};
			return { ...s, agenda: insertAt(s.agenda, item, fact.payload.index) };
		}
		case 'agenda:item-edit':
			return mapItem(s, fact.payload.itemId, (i) => ({ ...i, ...fact.payload.fields }));
		case 'agenda:item-move': {
			const from = s.agenda.findIndex((i) => i.id === fact.payload.itemId);
			return { ...s, agenda: moveTo(s.agenda, from, fact.payload.index) };
		}
		case 'agenda:item-remove':
			return { ...s, agenda: s.agenda.filter((i) => i.id !== fact.payload.itemId) };
		case 'meeting:open':
			return {
				...s,
				status: MeetingStatus.open,
				openedAt: at,
				roster: fact.payload.roster,
				// Records opened before councils had voting rules vote by the default ones.
				rules: { ...fact.payload.rules, voting: fact.payload.rules.voting ?? DEFAULT_VOTING_RULES }
			};
		case 'meeting:pause':
			return { ...s, status: MeetingStatus.paused, pausedAt: at };
		case 'meeting:resume':
			return resumeClock({ ...s, status: MeetingStatus.open }, at);
		case 'meeting:adjourn':
			return {
				...stopCurrent(s, at),
				status: MeetingStatus.adjourned,
				adjournedAt: at,
				currentItemId: null,
				floor: null,
				speakers: []
			};
		case 'agenda:item-start': {
			const stopped = stopCurrent(s, at);
			const started = mapItem(stopped, fact.payload.itemId, (i) => ({
				...i,
				status: 'in-progress',
				startedAt: stopped.pausedAt ?? at
			}));
			return { ...started, currentItemId: fact.payload.itemId, floor: null };
		}
		case 'agenda:item-extend':
			return mapItem(s, fact.payload.itemId, (i) => ({
				...i,
				extendedMinutes: i.extendedMinutes + fact.payload.minutes
			}));
		case 'attendance:check-in': {
			const before = s.attendance[fact.payload.memberId];
			return {
				...s,
				attendance: put(
					s.attendance,
					fact.payload.memberId,
					{
						memberId: fact.payload.memberId,
						present: true,
						mode: fact.payload.mode,
						firstArrivedAt: before?.firstArrivedAt ?? at,
						since: at
					},
					owned
				)
			};
		}
		case 'attendance:leave': {
			const before = s.attendance[fact.payload.memberId];
			if (!before) return s;
			const { memberId } = fact.payload;
			return {
				...s,
				attendance: put(s.attendance, memberId, { ...before, present: false, since: at }, owned),
				speakers: s.speakers.filter((r) => r.memberId !== memberId),
				floor: s.floor?.memberId === memberId ? null : s.floor
			};
		}
		case 'proxy:grant':
			return { ...s, proxies: { ...s.proxies, [fact.payload.giverId]: fact.payload.holderId } };
		case 'proxy:withdraw': {
			const proxies = { ...s.proxies };
			delete proxies[fact.payload.giverId];
			return { ...s, proxies };
		}
		case 'quorum:reached':
		case 'quorum:lost':
			return { ...s, quorum: fact.payload.status };
		case 'speaker:hand-raise': {
			const request = {
				memberId: fact.payload.memberId,
				pointOfOrder: fact.payload.pointOfOrder,
				raisedAt: at
			};
			// A point of order goes ahead of ordinary speakers, behind earlier points of order.
			const index = request.pointOfOrder
				? s.speakers.filter((r) => r.pointOfOrder).length
				: s.speakers.length;
			return { ...s, speakers: insertAt(s.speakers, request, index) };
		}
		case 'speaker:hand-lower':
			return { ...s, speakers: s.speakers.filter((r) => r.memberId !== fact.payload.memberId) };
		case 'speaker:floor-give':
			return {
				...s,
				floor: { memberId: fact.payload.memberId, since: at },
				speakers: s.speakers.filter((r) => r.memberId !== fact.payload.memberId)
			};
		case 'speaker:floor-end':
			return { ...s, floor: null };
		case 'motion:propose':
		case 'motion:second':
		case 'motion:withdraw':
		case 'motion:rebind':
		case 'motion:recuse':
		case 'vote:open':
		case 'ballot:cast':
		case 'ballot:turnout':
		case 'ballot:hand-count':
		case 'vote:close':
			return { ...s, motions: evolveMotions(s.motions, fact, at, owned) };
		case 'document:version-frozen':
			return { ...s, frozenVersions: [...s.frozenVersions, { ...fact.payload, frozenAt: at }] };
		case 'task:create':
			return { ...s, followUps: [...s.followUps, { ...fact.payload, createdAt: at }] };
		case 'task:update':
			return { ...s, followUpUpdates: [...s.followUpUpdates, { ...fact.payload, at }] };
	}
}

/** The state after `facts`, folded transiently: `from` is left as it was. */
export function foldMeeting(facts: readonly RecordedFact[], from: MeetingState): MeetingState {
	const owned = ownedFold();
	let state = from;
	for (const fact of facts) state = evolve(state, fact, owned);
	return state;
}

function mapItem(s: MeetingState, id: string, f: (i: AgendaItem) => AgendaItem): MeetingState {
	return { ...s, agenda: s.agenda.map((i) => (i.id === id ? f(i) : i)) };
}

/** The current item stops its clock and is done (moving back to it later starts it again). */
function stopCurrent(s: MeetingState, at: string): MeetingState {
	if (!s.currentItemId) return s;
	const until = s.pausedAt ?? at;
	return mapItem(s, s.currentItemId, (i) => ({
		...i,
		status: 'done',
		elapsedMs: i.elapsedMs + (i.startedAt ? Math.max(0, Date.parse(until) - Date.parse(i.startedAt)) : 0),
		startedAt: null
	}));
}

function resumeClock(s: MeetingState, at: string): MeetingState {
	if (!s.pausedAt) return s;
	const pausedFor = Date.parse(at) - Date.parse(s.pausedAt);
	const shifted = s.currentItemId
		? mapItem(s, s.currentItemId, (i) => ({
				...i,
				startedAt: i.startedAt ? new Date(Date.parse(i.startedAt) + pausedFor).toISOString() : null
			}))
		: s;
	// The speaker's clock stood still during the pause too.
	const floor = shifted.floor
		? { ...shifted.floor, since: new Date(Date.parse(shifted.floor.since) + pausedFor).toISOString() }
		: null;
	return { ...shifted, floor, pausedAt: null };
}
