import type { AgendaItem } from './meeting-state';

/** Moves an element to `index` (clamped), keeping the order of the others. */
export function moveTo<T>(items: readonly T[], from: number, index: number): T[] {
	const out = items.slice();
	const [item] = out.splice(from, 1);
	if (item === undefined) return out;
	out.splice(Math.max(0, Math.min(index, out.length)), 0, item);
	return out;
}

export function insertAt<T>(items: readonly T[], item: T, index: number): T[] {
	const out = items.slice();
	out.splice(Math.max(0, Math.min(index, out.length)), 0, item);
	return out;
}

/** Elapsed time of an item at `now`, pauses excluded. */
export function itemElapsedMs(item: AgendaItem, now: string, pausedAt: string | null): number {
	if (item.startedAt === null) return item.elapsedMs;
	const until = pausedAt ?? now;
	return item.elapsedMs + Math.max(0, Date.parse(until) - Date.parse(item.startedAt));
}

export const itemPlannedMs = (item: AgendaItem) => (item.plannedMinutes + item.extendedMinutes) * 60_000;

/** An item is late when it has run past its planned (and extended) time. */
export const isLate = (item: AgendaItem, now: string, pausedAt: string | null) =>
	item.status === 'in-progress' && itemElapsedMs(item, now, pausedAt) > itemPlannedMs(item);

/** Minutes and seconds, as a room clock shows them (e.g. 7:05). */
export function clockText(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** How long the person with the floor has been speaking (while paused, up to the pause). */
export const speakingMs = (floor: { since: string }, now: string, pausedAt: string | null) =>
	Math.max(0, Date.parse(pausedAt ?? now) - Date.parse(floor.since));
