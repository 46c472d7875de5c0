import { isVotingRole } from '../council/role';
import type { AttendanceMode, RecordedFact } from '../meeting/meeting-events';
import type { RosterEntry } from '../meeting/roster';
import { representedAmong } from '../meeting/presence';
import { evaluateQuorum, type QuorumRule } from '../meeting/quorum';
import type { MinutesAttendance, MinutesPerson, QuorumMoment } from './minutes';

interface Presence {
	mode: AttendanceMode;
	firstArrivedAt: string;
	present: boolean;
}

export interface AttendanceRecord {
	attendance: MinutesAttendance;
	quorumAtOpening: QuorumMoment['status'] | null;
	quorumChanges: QuorumMoment[];
}

/**
 * Who came, how, and when, from the attendance and proxy facts. Councils take the roll at the
 * start ("开会，确认到会人数"), often after the chair has opened the meeting, so the opening runs
 * until business begins: until a second agenda item is taken up or a vote opens. Whoever arrives
 * by then is not late, and quorum at the opening is quorum as the roll call left it. A late
 * arrival is a first arrival after that; a departure is any leave while the meeting ran (people
 * may come back).
 */
export function attendanceRecord(
	facts: readonly RecordedFact[],
	roster: readonly RosterEntry[]
): AttendanceRecord {
	const byId = new Map(roster.map((r) => [r.memberId, r]));
	const name = (id: string) => byId.get(id)?.name ?? id;
	const presence = new Map<string, Presence>();
	const proxies = new Map<string, string>();
	const heldBy = new Map<string, string>();
	const late: MinutesAttendance['lateArrivals'] = [];
	const departures: MinutesAttendance['departures'] = [];
	const quorumChanges: QuorumMoment[] = [];
	let openedAt: string | null = null;
	let adjourned = false;
	/** Between the opening and the start of business (see above). */
	let rollCall = false;
	let firstItemId: string | null = null;
	let quorumRule: QuorumRule | null = null;
	/**
	 * Quorum as the roll call left it, counted then: quorum facts are recorded only when quorum
	 * changes, so the last one can be short of people who came after it was reached.
	 */
	const closeRollCall = () => {
		if (!rollCall) return;
		rollCall = false;
		if (!quorumRule) return;
		const here = new Set([...presence].filter(([, p]) => p.present).map(([id]) => id));
		quorumAtOpening = evaluateQuorum(
			quorumRule,
			roster,
			here,
			representedAmong(here, Object.fromEntries(proxies))
		);
	};
	let quorumAtOpening: QuorumMoment['status'] | null = null;

	for (const f of facts) {
		switch (f.type) {
			case 'meeting:open':
				openedAt = f.occurredAt;
				quorumRule = f.payload.rules.quorum;
				rollCall = true;
				break;
			case 'agenda:item-start':
				firstItemId ??= f.payload.itemId;
				if (f.payload.itemId !== firstItemId) closeRollCall();
				break;
			case 'vote:open':
				closeRollCall();
				break;
			case 'meeting:adjourn':
				closeRollCall();
				adjourned = true;
				break;
			case 'attendance:check-in': {
				const { memberId, mode } = f.payload;
				const before = presence.get(memberId);
				if (!before && openedAt && !rollCall && !adjourned)
					late.push({ name: name(memberId), at: f.occurredAt });
				presence.set(memberId, {
					mode,
					firstArrivedAt: before?.firstArrivedAt ?? f.occurredAt,
					present: true
				});
				break;
			}
			case 'attendance:leave': {
				const before = presence.get(f.payload.memberId);
				if (before) presence.set(f.payload.memberId, { ...before, present: false });
				if (openedAt && !adjourned) departures.push({ name: name(f.payload.memberId), at: f.occurredAt });
				break;
			}
			case 'proxy:grant':
				proxies.set(f.payload.giverId, f.payload.holderId);
				heldBy.set(f.payload.giverId, f.payload.holderId);
				break;
			case 'proxy:withdraw':
				proxies.delete(f.payload.giverId);
				break;
			case 'quorum:reached':
			case 'quorum:lost':
				if (rollCall) quorumAtOpening = f.payload.status;
				else quorumChanges.push({ at: f.occurredAt, status: f.payload.status });
				break;
			default:
				break;
		}
	}

	// A meeting still in its roll call (a draft read early): quorum as it stands.
	closeRollCall();
	const person = (r: RosterEntry): MinutesPerson => ({ memberId: r.memberId, name: r.name, role: r.role });
	const attendance: MinutesAttendance = {
		inPerson: [],
		remote: [],
		byProxy: [],
		absent: [],
		lateArrivals: late,
		departures
	};
	for (const r of roster) {
		const p = presence.get(r.memberId);
		if (p) (p.mode === 'remote' ? attendance.remote : attendance.inPerson).push(person(r));
		else if (proxies.has(r.memberId) && presence.has(proxies.get(r.memberId)!))
			attendance.byProxy.push({
				...person(r),
				holder: name(heldBy.get(r.memberId)!),
				holderId: heldBy.get(r.memberId)!
			});
		else if (isVotingRole(r.role)) attendance.absent.push(person(r));
	}
	return { attendance, quorumAtOpening, quorumChanges };
}
