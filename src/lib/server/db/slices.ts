/**
 * `items` in consecutive slices of at most `size`: how the repositories keep each statement small
 * (docs/decisions/013).
 */
export function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
