/**
 * Records a fold made itself and may therefore change in place. A state is immutable to whoever
 * holds it; but when a fold keeps only its end state (a batch of ballots, a catch-up, the minutes),
 * copying a 2,000-entry turnout record for every ballot makes the fold quadratic. A fold that passes
 * one `Owned` through its steps copies each record once, on its first change, and adds to that copy
 * afterwards, so only the states in between (which it drops) see later changes.
 */
export type Owned = WeakSet<object>;

export const ownedFold = (): Owned => new WeakSet<object>();

/** `record` with `key` set to `value`: the record itself when this fold owns it, else a copy. */
export function put<T>(
	record: Readonly<Record<string, T>>,
	key: string,
	value: NoInfer<T>,
	owned: Owned | undefined
): Record<string, T> {
	if (owned?.has(record)) {
		(record as Record<string, T>)[key] = value;
		return record as Record<string, T>;
	}
	const copy = { ...record, [key]: value };
	owned?.add(copy);
	return copy;
}
