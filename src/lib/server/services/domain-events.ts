import { EventEmitter } from 'node:events';

/** Facts the services announce after commit; transports subscribe (e.g. to drop revoked sockets). */
export interface DomainEventMap {
	/** `relayed`: heard from another instance (server/membership-relay.ts), which committed it. */
	'membership:revoked': { councilId: string; userId: string; relayed?: true };
	/** A member's role or weight changed: whoever remembers who they are forgets it. */
	'membership:changed': { councilId: string; userId: string; relayed?: true };
	/** Other instances' membership news may have been missed: whoever remembers memberships forgets all. */
	'membership:all-stale': Record<string, never>;
	/** A carried amendment could not be applied to its document; the main motion kept its version. */
	'amendment:not-adopted': { meetingId: string; motionId: string; reason: string };
	/** Live editors must stop (or may resume) writing at once: the collab endpoint listens. */
	'document:lock-changed': { documentId: string; locked: boolean };
	/** A version was frozen: open pages of the document list it (the collab endpoint tells them). */
	'document:frozen': { documentId: string; versionId: string };
	/** An amendment was proposed or decided: open pages of the document show it (as for a version). */
	'document:amendment': { documentId: string; amendmentId: string; status: string };
	/** A change the server made to a living document (an accepted amendment), already stored. */
	'document:changed': { documentId: string; update: Uint8Array };
}

export interface DomainEvents {
	emit<K extends keyof DomainEventMap>(type: K, payload: DomainEventMap[K]): void;
	on<K extends keyof DomainEventMap>(type: K, listener: (payload: DomainEventMap[K]) => void): () => void;
}

export function createDomainEvents(): DomainEvents {
	const emitter = new EventEmitter();
	return {
		emit: (type, payload) => void emitter.emit(type, payload),
		on(type, listener) {
			emitter.on(type, listener);
			return () => emitter.off(type, listener);
		}
	};
}
