import { DECISION_PRESETS } from '$lib/domain/voting/decision-rule';
import type { Motion, VoteRun } from '$lib/domain/voting/motion';

/** For the client's vote tests: a voter of weight 1 in no constituency. */
export const testVoter = (memberId: string, present = true) => ({
	memberId,
	weightCents: 100,
	constituency: null,
	present
});

/** For the client's vote tests: a yes/no/abstain main motion, voting on `vote` (seconded without one). */
export function testMotion(o: {
	id?: string;
	vote: Partial<VoteRun> | null;
	voters: VoteRun['voters'];
	recusals?: Record<string, string>;
}): Motion {
	return {
		id: o.id ?? 'm1',
		itemId: 'i1',
		kind: 'main',
		amends: null,
		documentAmendmentId: null,
		text: '停车收费方案',
		document: null,
		form: { kind: 'yes-no-abstain' },
		moverId: 'a',
		seconderId: 'b',
		status: o.vote ? 'voting' : 'seconded',
		proposedAt: '2026-11-23T12:00:00.000Z',
		recusals: o.recusals ?? {},
		outcome: null,
		vote: o.vote && {
			openedAt: '2026-11-23T12:05:00.000Z',
			secret: false,
			allowChange: true,
			hideRunningTally: false,
			ruleId: 'robert-majority',
			rule: DECISION_PRESETS['robert-majority'],
			voters: o.voters,
			quorumAtOpen: { met: true, parts: [] },
			turnout: {},
			ballots: {},
			handCount: null,
			...o.vote
		}
	};
}
