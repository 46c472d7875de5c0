import type { RecordedFact } from '../../domain/meeting/meeting-events';
import type { Motion } from '../../domain/voting/motion';
import type { DomainEvents } from './domain-events';
import type { documentService } from './document.service';
import type { meetingRoomService } from './meeting-room.service';

type Documents = ReturnType<typeof documentService>;
type MeetingRooms = ReturnType<typeof meetingRoomService>;

/**
 * When an amendment to a document-bound motion carries, the change it put to the vote is applied
 * to the living document, a new version is frozen (named after the old one), and the main motion is
 * restated on that version, all as the moderator who closed the vote. A document locked for the
 * vote stays locked: the change is the vote's, not an editor's. Every step is idempotent (command ids derive
 * from the amendment), so it is safe to run again; a failure leaves the main motion on its old
 * version and is announced, and the moderator can restate it by hand.
 */
export function adoptCarriedAmendments(
	meetingRooms: MeetingRooms,
	documents: Documents,
	events: DomainEvents
) {
	meetingRooms.onFacts((meetingId, facts) => {
		for (const fact of facts) {
			if (fact.type !== 'vote:close' || fact.payload.result !== 'carried' || !fact.actorId) continue;
			void adopt(meetingId, fact).catch((error: unknown) =>
				events.emit('amendment:not-adopted', {
					meetingId,
					motionId: fact.payload.motionId,
					reason: error instanceof Error ? error.message : String(error)
				})
			);
		}
	});

	async function adopt(meetingId: string, close: Extract<RecordedFact, { type: 'vote:close' }>) {
		const userId = close.actorId!;
		const joined = await meetingRooms.join(userId, meetingId);
		if (!joined.ok || !joined.value.snapshot) throw new Error('the meeting cannot be read');
		const motions = joined.value.snapshot.motions;
		const amendment = motions.find((m) => m.id === close.payload.motionId);
		if (amendment?.kind !== 'amendment' || !amendment.documentAmendmentId) return;
		const main = motions.find((m) => m.id === amendment.amends);
		if (!main?.document || main.status === 'closed' || main.status === 'withdrawn') return;
		const documentId = main.document.documentId;
		const accepted = await documents.decideAmendment(
			userId,
			documentId,
			{ amendmentId: amendment.documentAmendmentId, decision: 'accept' },
			{ adoptedByVote: true }
		);
		if (!accepted.ok && accepted.error.code !== 'amendment-decided') throw new Error(accepted.error.message);
		await restate(userId, meetingId, main, amendment);
	}

	async function restate(userId: string, meetingId: string, main: Motion, amendment: Motion) {
		const frozen = await documents.freezeVersion({
			actorId: userId,
			documentId: main.document!.documentId,
			name: `${main.document!.name} + ${amendment.text.slice(0, 60)}`,
			meetingId
		});
		if (!frozen.ok) throw new Error(frozen.error.message);
		const { documentId, versionId, name, sha256 } = frozen.value;
		const rebound = await meetingRooms.command(userId, meetingId, `adopt:${amendment.id}`, {
			type: 'motion:rebind',
			motionId: main.id,
			text: main.text,
			document: { documentId, versionId, name, sha256 }
		});
		if (!rebound.ok) throw new Error(rebound.error.message);
	}
}
