import type { MeetingEventMap } from '../meeting/meeting-events';
import { put, type Owned } from '../meeting/transient';
import type { Motion, VoteRun } from './motion';

type MotionFacts = Pick<
	MeetingEventMap,
	| 'motion:propose'
	| 'motion:second'
	| 'motion:withdraw'
	| 'motion:rebind'
	| 'motion:recuse'
	| 'vote:open'
	| 'ballot:cast'
	| 'ballot:turnout'
	| 'ballot:hand-count'
	| 'vote:close'
>;

export type MotionFact = {
	[K in keyof MotionFacts]: { type: K; payload: MotionFacts[K] };
}[keyof MotionFacts];

/** Applies one motion or ballot fact to the meeting's motions (transiently with `owned`: see evolve). */
export function evolveMotions(
	motions: readonly Motion[],
	fact: MotionFact,
	at: string,
	owned?: Owned
): Motion[] {
	if (fact.type === 'motion:propose') {
		const p = fact.payload;
		const motion: Motion = {
			id: p.motionId,
			itemId: p.itemId,
			kind: p.kind,
			amends: p.amends,
			documentAmendmentId: p.documentAmendmentId ?? null,
			text: p.text,
			document: p.document,
			form: p.form,
			moverId: p.moverId,
			seconderId: null,
			status: 'draft',
			proposedAt: at,
			recusals: {},
			vote: null,
			outcome: null
		};
		return [...motions, motion];
	}
	const { motionId } = fact.payload;
	return motions.map((m) => (m.id === motionId ? applyTo(m, fact, at, owned) : m));
}

function applyTo(
	m: Motion,
	fact: Exclude<MotionFact, { type: 'motion:propose' }>,
	at: string,
	owned: Owned | undefined
): Motion {
	switch (fact.type) {
		case 'motion:second':
			return { ...m, seconderId: fact.payload.seconderId, status: 'seconded' };
		case 'motion:withdraw':
			return { ...m, status: 'withdrawn' };
		case 'motion:rebind':
			return { ...m, text: fact.payload.text, document: fact.payload.document };
		case 'motion:recuse':
			return { ...m, recusals: { ...m.recusals, [fact.payload.memberId]: fact.payload.reason } };
		case 'vote:open': {
			const p = fact.payload;
			const vote: VoteRun = {
				openedAt: at,
				secret: p.secret,
				allowChange: p.allowChange,
				hideRunningTally: p.hideRunningTally,
				ruleId: p.ruleId,
				rule: p.rule,
				voters: p.voters,
				quorumAtOpen: p.quorum,
				turnout: {},
				ballots: {},
				handCount: null
			};
			return { ...m, status: 'voting', vote };
		}
		case 'ballot:cast': {
			const p = fact.payload;
			return withVote(m, (v) => ({
				...v,
				turnout: put(v.turnout, p.voterId, { castBy: p.castBy, via: p.via }, owned),
				ballots: put(
					v.ballots,
					p.voterId,
					{
						voterId: p.voterId,
						castBy: p.castBy,
						via: p.via,
						choice: p.choice,
						receiptTag: p.receiptTag,
						castAt: at
					},
					owned
				)
			}));
		}
		case 'ballot:turnout': {
			const p = fact.payload;
			return withVote(m, (v) => ({
				...v,
				turnout: put(v.turnout, p.voterId, { castBy: p.castBy, via: p.via }, owned)
			}));
		}
		case 'ballot:hand-count':
			return withVote(m, (v) => ({
				...v,
				handCount: { counts: fact.payload.counts, voterIds: fact.payload.voterIds }
			}));
		case 'vote:close': {
			const { motionId: _, ...outcome } = fact.payload;
			return { ...m, status: 'closed', outcome: { ...outcome, closedAt: at } };
		}
	}
}

function withVote(m: Motion, f: (v: VoteRun) => VoteRun): Motion {
	return m.vote ? { ...m, vote: f(m.vote) } : m;
}
