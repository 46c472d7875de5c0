/**
 * JSON with object keys sorted at every depth, so the same value always serialises to the same
 * bytes. The event hash chain depends on this: Postgres JSONB does not keep key order.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		const text = JSON.stringify(value);
		if (text === undefined) throw new TypeError(`Cannot serialise ${typeof value}`);
		return text;
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
