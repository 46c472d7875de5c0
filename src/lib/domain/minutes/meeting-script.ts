import { decide, type MeetingActor } from '../meeting/decide';
import { evolve } from '../meeting/evolve';
import type { MeetingCommand } from '../meeting/meeting-command';
import type { MeetingRules, RecordedFact } from '../meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../meeting/meeting-state';
import type { RosterEntry } from '../meeting/roster';
import type { PublishedSecretBallot } from '../voting/motion';

export interface ScriptStep {
	/** The member (roster id) who sends the command. */
	by: string;
	command: MeetingCommand;
	/** Minutes after the previous step; default 1. */
	after?: number;
	/** Secret ballots: the voter's receipt tag. */
	receipt?: string;
}

export interface ScriptedMeeting {
	facts: RecordedFact[];
	state: MeetingState;
	/** Steps the core refused, with their codes: a script that expects none can assert it. */
	refused: { step: number; code: string }[];
}

/**
 * Runs commands through the real core (decide, then evolve) with a scripted clock, as the server
 * would without I/O: for golden minutes, benchmarks and replayed history. The secret ballot box is
 * kept beside the log, as the server keeps it in its own table.
 */
export function runMeetingScript(input: {
	roster: readonly RosterEntry[];
	rules: MeetingRules;
	startsAt: string;
	steps: readonly ScriptStep[];
	userOf?: (memberId: string) => string;
}): ScriptedMeeting {
	let state = initialMeetingState;
	let clock = Date.parse(input.startsAt);
	const facts: RecordedFact[] = [];
	const refused: ScriptedMeeting['refused'] = [];
	const box = new Map<string, PublishedSecretBallot[]>();
	input.steps.forEach((step, index) => {
		const member = input.roster.find((r) => r.memberId === step.by);
		if (!member) throw new Error(`No roster entry ${step.by}`);
		const actor: MeetingActor = { userId: member.userId, role: member.role, memberId: member.memberId };
		const motionId = ('motionId' in step.command ? step.command.motionId : null) ?? '';
		const secretBox = box.get(motionId) ?? [];
		const decided = decide(state, step.command, {
			actor,
			roster: input.roster,
			rules: input.rules,
			ballot: {
				receiptTag: step.receipt ?? null,
				receiptInBox: secretBox.some((b) => b.tag === step.receipt),
				secretBox
			}
		});
		clock += (step.after ?? 1) * 60_000;
		if (!decided.ok) {
			refused.push({ step: index, code: decided.error.code });
			return;
		}
		for (const fact of decided.value) {
			const recorded = {
				...fact,
				seq: state.seq + 1,
				actorId: member.userId,
				occurredAt: new Date(clock).toISOString()
			} as RecordedFact;
			if (recorded.type === 'ballot:turnout' && step.command.type === 'ballot:cast') {
				const voter = input.roster.find((r) => r.memberId === recorded.payload.voterId)!;
				secretBox.push({
					tag: step.receipt!,
					choice: step.command.choice,
					weightCents: voter.weightCents,
					constituency: voter.constituency
				});
				box.set(motionId, secretBox);
			}
			facts.push(recorded);
			state = evolve(state, recorded);
		}
	});
	return { facts, state, refused };
}
