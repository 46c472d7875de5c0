import { createHash } from 'node:crypto';
import type { DecideContext } from '../../domain/meeting/decide';
import type { MeetingCommand } from '../../domain/meeting/meeting-command';
import type { MeetingFact } from '../../domain/meeting/meeting-events';
import type { MeetingState } from '../../domain/meeting/meeting-state';
import { isOpenMotion, voterIn, type PublishedSecretBallot } from '../../domain/voting/motion';
import type { BallotBoxWrite, ballotBoxRepository } from '../repositories/ballot-box.repository';

type BallotContext = NonNullable<DecideContext['ballot']>;

/** What the receipt code's owner alone can show: the tag is all the server keeps. */
export const receiptTag = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

/**
 * The ballot box as one batch of commands sees it: what is stored plus what earlier commands in
 * the same batch will write. Only secret votes consult it.
 */
export class SecretBallots {
	private readonly tagsByMotion = new Map<string, Set<string>>();
	private readonly pending: BallotBoxWrite[] = [];

	/**
	 * `known`: the tags by motion as the box held them at the state the batch starts from, if known
	 * (copied on first use: the batch adds to its copy, and may yet fail).
	 */
	constructor(
		private readonly box: ReturnType<typeof ballotBoxRepository>,
		private readonly meetingId: string,
		private readonly known: ReadonlyMap<string, ReadonlySet<string>> = new Map()
	) {}

	/** The tags by motion known at the start or read or written since: the box's once the batch is stored. */
	knownTags(): ReadonlyMap<string, ReadonlySet<string>> {
		return new Map([...this.known, ...this.tagsByMotion]);
	}

	async context(state: MeetingState, command: MeetingCommand): Promise<BallotContext | undefined> {
		if (command.type === 'vote:open') {
			// A motion is voted on once, so before its vote opens the box holds nothing for it: the
			// first ballots of a crowd need not ask.
			const motion = state.motions.find((m) => m.id === command.motionId);
			if (motion && isOpenMotion(motion)) this.tagsByMotion.set(command.motionId, new Set());
			return undefined;
		}
		if (command.type !== 'ballot:cast' && command.type !== 'vote:close') return undefined;
		const motion = state.motions.find((m) => m.id === command.motionId);
		const secret = motion?.vote?.secret === true;
		if (command.type === 'vote:close') {
			return {
				receiptTag: null,
				receiptInBox: false,
				secretBox: secret ? await this.contents(command.motionId) : []
			};
		}
		const tag = command.receipt ? receiptTag(command.receipt) : null;
		if (!secret || !tag) return { receiptTag: tag, receiptInBox: false, secretBox: [] };
		return { receiptTag: tag, receiptInBox: (await this.tags(command.motionId)).has(tag), secretBox: [] };
	}

	/** The box write an accepted secret ballot needs: a new ballot with turnout, else a change. */
	writeFor(
		state: MeetingState,
		command: MeetingCommand,
		actorMemberId: string,
		ballot: BallotContext | undefined,
		facts: readonly MeetingFact[]
	): BallotBoxWrite | null {
		if (command.type !== 'ballot:cast' || !ballot?.receiptTag) return null;
		const vote = state.motions.find((m) => m.id === command.motionId)?.vote;
		if (!vote?.secret) return null;
		const voter = voterIn(vote, command.voterId ?? actorMemberId)!;
		const write: BallotBoxWrite = {
			motionId: command.motionId,
			tag: ballot.receiptTag,
			choice: command.choice,
			weightCents: voter.weightCents,
			constituency: voter.constituency,
			replace: !facts.some((f) => f.type === 'ballot:turnout')
		};
		this.pending.push(write);
		this.tagsByMotion.get(command.motionId)?.add(write.tag);
		return write;
	}

	private async tags(motionId: string): Promise<Set<string>> {
		let tags = this.tagsByMotion.get(motionId);
		if (!tags) {
			const known = this.known.get(motionId);
			tags = known ? new Set(known) : await this.box.tags(this.meetingId, motionId);
			for (const w of this.pending) if (w.motionId === motionId) tags.add(w.tag);
			this.tagsByMotion.set(motionId, tags);
		}
		return tags;
	}

	private async contents(motionId: string): Promise<PublishedSecretBallot[]> {
		const byTag = new Map((await this.box.contents(this.meetingId, motionId)).map((b) => [b.tag, b]));
		for (const w of this.pending) {
			if (w.motionId !== motionId) continue;
			const { tag, choice, weightCents, constituency } = w;
			byTag.set(tag, { tag, choice, weightCents, constituency });
		}
		return [...byTag.values()];
	}
}
