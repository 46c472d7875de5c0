/** Longest a screen waits before asking for facts it learnt it missed (see `meeting:head`). */
export const CATCH_UP_SPREAD_MS = 2_000;

/**
 * Runs `catchUp` once, after a random wait of up to `spreadMs`, however often it is asked for
 * meanwhile. Every screen of a meeting hears of missed facts at the same moment; spread out, a
 * room of 2,000 does not ask the server all at once.
 */
export function catchUpLater(
	catchUp: () => void,
	spreadMs = CATCH_UP_SPREAD_MS,
	random: () => number = Math.random
) {
	let timer: ReturnType<typeof setTimeout> | null = null;
	return {
		ask() {
			if (timer) return;
			timer = setTimeout(() => {
				timer = null;
				catchUp();
			}, random() * spreadMs);
		},
		cancel() {
			if (timer) clearTimeout(timer);
			timer = null;
		}
	};
}
