import type { Minutes, MinutesMotion, MinutesVote } from './minutes';

/**
 * The minutes as Popolo (popoloproject.com): an Event for the meeting, a Motion per motion, a
 * VoteEvent per vote with Counts, and Votes only where the ballot was open. A secret ballot keeps
 * its counts and loses every voter–choice link. Mapping notes: docs/minutes-open-data.md.
 */
export interface PopoloExport {
	format: 'popolo';
	generated_from: { meeting_id: string; log_seq: number | null; log_hash: string | null };
	organizations: { id: string; name: string; classification: 'council' }[];
	persons: { id: string; name: string }[];
	events: PopoloEvent[];
	motions: PopoloMotion[];
	vote_events: PopoloVoteEvent[];
}

export interface PopoloEvent {
	id: string;
	name: string;
	classification: 'meeting';
	type: string | null;
	start_date: string | null;
	end_date: string | null;
	scheduled_date: string;
	location: { name: string } | null;
	online_url: string | null;
	status: 'confirmed' | 'in progress' | 'completed';
	organization_id: string;
	agenda: { order: number; description: string; notes: string; motion_ids: string[] }[];
	attendees: {
		person_id: string;
		attendance: 'in-person' | 'remote' | 'proxy' | 'absent';
		proxy_holder?: string;
	}[];
}

export interface PopoloMotion {
	id: string;
	organization_id: string;
	legislative_session_id: string;
	classification: 'main motion' | 'amendment';
	amends: string | null;
	text: string;
	date: string;
	creator_id: string;
	seconder_name: string | null;
	requirement: string | null;
	result: 'pass' | 'fail' | 'withdrawn' | 'pending';
	document: { name: string; version_id: string; sha256: string } | null;
}

export interface PopoloCount {
	option: string;
	value: number;
	group_id?: string;
}

export interface PopoloVoteEvent {
	id: string;
	motion_id: string;
	legislative_session_id: string;
	organization_id: string;
	start_date: string;
	end_date: string | null;
	result: 'pass' | 'fail' | 'no quorum' | null;
	secret: boolean;
	counts: PopoloCount[];
	weighted_counts: PopoloCount[];
	group_results: { group: { name: string }; counts: PopoloCount[] }[];
	quorum: {
		met: boolean;
		parts: { measure: string; present: number; required: number; total: number }[];
	} | null;
	votes: { voter_id: string; option: string; role?: 'proxy' | 'roll call' }[];
}

/**
 * A person by member id, so that two members of one name stay two people; minutes generated before
 * the ids were recorded fall back to the name.
 */
const personId = (memberId: string | undefined, name: string) => `person:${memberId ?? name}`;

export function toPopolo(minutes: Minutes): PopoloExport {
	const org = `council:${minutes.header.councilName}`;
	const event = `meeting:${minutes.meetingId}`;
	const people = new Map<string, string>();
	const named = (memberId: string | undefined, name: string) => {
		const id = personId(memberId, name);
		people.set(id, name);
		return id;
	};
	const a = minutes.attendance;
	for (const p of [...a.inPerson, ...a.remote, ...a.byProxy, ...a.absent]) named(p.memberId, p.name);
	const allMotions = minutes.items.flatMap((i) => i.motions);
	for (const m of allMotions) named(m.moverId, m.mover);

	const motionId = (m: MinutesMotion) => `${event}/motion:${m.id}`;
	const numbered = new Map(allMotions.map((m) => [m.number, m]));
	return {
		format: 'popolo',
		generated_from: {
			meeting_id: minutes.meetingId,
			log_seq: minutes.logHead?.seq ?? null,
			log_hash: minutes.logHead?.hash ?? null
		},
		organizations: [{ id: org, name: minutes.header.councilName, classification: 'council' }],
		persons: [...people]
			// By name, then id, in code-unit order: the same on every machine, whatever its locale data.
			.sort(([x, xName], [y, yName]) => (xName !== yName ? (xName < yName ? -1 : 1) : x < y ? -1 : 1))
			.map(([id, name]) => ({ id, name })),
		events: [
			{
				id: event,
				name: minutes.header.meetingTitle,
				classification: 'meeting',
				type: minutes.header.meetingType,
				start_date: minutes.openedAt,
				end_date: minutes.adjournedAt,
				scheduled_date: minutes.header.scheduledAt,
				location: minutes.header.location ? { name: minutes.header.location } : null,
				online_url: minutes.header.onlineUrl,
				status:
					minutes.status === 'adjourned'
						? 'completed'
						: minutes.status === 'scheduled'
							? 'confirmed'
							: 'in progress',
				organization_id: org,
				agenda: minutes.items.map((i) => ({
					order: i.number,
					description: i.title,
					notes: i.notes,
					motion_ids: i.motions.map(motionId)
				})),
				attendees: [
					...a.inPerson.map((p) => ({
						person_id: named(p.memberId, p.name),
						attendance: 'in-person' as const
					})),
					...a.remote.map((p) => ({ person_id: named(p.memberId, p.name), attendance: 'remote' as const })),
					...a.byProxy.map((p) => ({
						person_id: named(p.memberId, p.name),
						attendance: 'proxy' as const,
						proxy_holder: personId(p.holderId, p.holder)
					})),
					...a.absent.map((p) => ({ person_id: named(p.memberId, p.name), attendance: 'absent' as const }))
				]
			}
		],
		motions: allMotions.map((m) => ({
			id: motionId(m),
			organization_id: org,
			legislative_session_id: event,
			classification: m.kind === 'main' ? 'main motion' : 'amendment',
			amends: m.amends ? motionId(numbered.get(m.amends)!) : null,
			text: m.text,
			date: m.proposedAt,
			creator_id: personId(m.moverId, m.mover),
			seconder_name: m.seconder,
			requirement: m.vote?.ruleId ?? null,
			result:
				m.status === 'withdrawn'
					? 'withdrawn'
					: m.vote?.result === 'carried'
						? 'pass'
						: m.vote?.result
							? 'fail'
							: 'pending',
			document: m.document
				? { name: m.document.name, version_id: m.document.versionId, sha256: m.document.sha256 }
				: null
		})),
		vote_events: allMotions.flatMap((m) => (m.vote ? [voteEvent(m, m.vote, motionId(m), event, org)] : []))
	};
}

function voteEvent(
	m: MinutesMotion,
	v: MinutesVote,
	motion: string,
	event: string,
	org: string
): PopoloVoteEvent {
	const options = (c: { yes: number; no: number; abstain: number }, group?: string): PopoloCount[] =>
		(['yes', 'no', 'abstain'] as const).map((o) => ({
			option: o,
			value: c[o],
			...(group ? { group_id: group } : {})
		}));
	const counts = v.election
		? v.election.candidates.map((c) => ({ option: c.label, value: c.votes }))
		: v.counts
			? options(v.counts)
			: [];
	const q = v.quorumAtClose ?? v.quorumAtOpen;
	return {
		id: `${motion}/vote`,
		motion_id: motion,
		legislative_session_id: event,
		organization_id: org,
		start_date: v.openedAt,
		end_date: v.closedAt,
		result:
			v.result === 'carried'
				? 'pass'
				: v.result === 'failed'
					? 'fail'
					: v.result === 'no-quorum'
						? 'no quorum'
						: null,
		secret: v.secret,
		counts,
		weighted_counts: v.weights ? options(v.weights) : [],
		group_results: v.byConstituency.map((g) => ({
			group: { name: g.constituency },
			counts: options(g.counts, g.constituency)
		})),
		quorum: {
			met: q.met,
			parts: q.parts.map(({ measure, present, required, total }) => ({ measure, present, required, total }))
		},
		// Never for secret ballots: the record has no link between a voter and a choice, and neither does the export.
		votes: v.secret
			? []
			: v.ballots.map((b) => ({
					voter_id: personId(b.voterId, b.voter),
					option: b.choice,
					...(b.via === 'proxy'
						? { role: 'proxy' as const }
						: b.via === 'roll-call'
							? { role: 'roll call' as const }
							: {})
				}))
	};
}
