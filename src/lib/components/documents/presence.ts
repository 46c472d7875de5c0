/** Caret colours dark enough for white name labels (contrast ≥ 4.5:1) and distinct from each other. */
const COLOURS = ['#b3261e', '#1d5fa8', '#2e7d32', '#8e24aa', '#a14f00', '#00796b', '#c2185b', '#455a64'];

/** One colour per person, the same on every screen and every visit. */
export function colourFor(userId: string): string {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return COLOURS[h % COLOURS.length]!;
}

/** What each editor announces about themself (the `user` field of Yjs awareness). */
export interface PresentUser {
	id: string;
	name: string;
	color: string;
	/** Time of their last keystroke (ms) on their own clock, or 0. */
	typingAt: number;
}

/** Someone counts as typing for this long after their last keystroke. */
export const TYPING_MS = 2_500;

/**
 * When this screen heard of each connection's latest keystroke. The sender's `typingAt` is only
 * compared with its previous value: a phone whose clock is off would otherwise show as typing
 * for hours, or never. What was already there when a connection is first seen is not news.
 */
export class TypingHeard {
	private readonly heard = new Map<number, { typingAt: number; at: number }>();

	/** Whether the connection `clientId` typed within TYPING_MS of `now` (this screen's clock). */
	typing(clientId: number, typingAt: number, now: number): boolean {
		const last = this.heard.get(clientId);
		if (!last) this.heard.set(clientId, { typingAt, at: -Infinity });
		else if (last.typingAt !== typingAt)
			this.heard.set(clientId, { typingAt, at: typingAt ? now : -Infinity });
		return now - this.heard.get(clientId)!.at < TYPING_MS;
	}

	/** Forgets connections that left. */
	keepOnly(clientIds: Set<number>): void {
		for (const id of this.heard.keys()) if (!clientIds.has(id)) this.heard.delete(id);
	}
}

/** People in the document, one entry per person (a person may have several tabs open). */
export function presentPeople(states: Map<number, Record<string, unknown>>, now: number, heard: TypingHeard) {
	const byId = new Map<string, PresentUser & { typing: boolean }>();
	for (const [clientId, state] of states) {
		const user = state.user as PresentUser | undefined;
		if (!user?.id) continue;
		const typing = heard.typing(clientId, user.typingAt ?? 0, now);
		const seen = byId.get(user.id);
		byId.set(user.id, { ...user, typing: typing || (seen?.typing ?? false) });
	}
	heard.keepOnly(new Set(states.keys()));
	return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
