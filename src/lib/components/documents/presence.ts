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
	/** Time of their last keystroke (ms), or 0. */
	typingAt: number;
}

/** Someone counts as typing for this long after their last keystroke. */
export const TYPING_MS = 2_500;

/** People in the document, one entry per person (a person may have several tabs open). */
export function presentPeople(states: Iterable<Record<string, unknown>>, now: number) {
	const byId = new Map<string, PresentUser & { typing: boolean }>();
	for (const state of states) {
		const user = state.user as PresentUser | undefined;
		if (!user?.id) continue;
		const typing = now - (user.typingAt ?? 0) < TYPING_MS;
		const seen = byId.get(user.id);
		byId.set(user.id, { ...user, typing: typing || (seen?.typing ?? false) });
	}
	return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
