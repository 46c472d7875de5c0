import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

/** Exactly the values JSON can carry (fast-check's doubles include -0, which JSON writes as 0). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

/** The same value with the keys of every object inserted in another order, chosen by `seed`. */
function reorderKeys(value: unknown, seed: number): unknown {
	if (Array.isArray(value)) return value.map((v, i) => reorderKeys(v, seed + i));
	if (value === null || typeof value !== 'object') return value;
	const entries = Object.entries(value);
	let s = seed;
	for (let i = entries.length - 1; i > 0; i--) {
		s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
		const j = s % (i + 1);
		[entries[i], entries[j]] = [entries[j]!, entries[i]!];
	}
	const out: Record<string, unknown> = {};
	for (const [k, v] of entries) {
		// defineProperty so that a key named "__proto__" stays a plain key, as JSON.parse makes it.
		Object.defineProperty(out, k, {
			value: reorderKeys(v, s + 1),
			enumerable: true,
			writable: true,
			configurable: true
		});
	}
	return out;
}

describe('canonical JSON', () => {
	it('[canonical-json:sorted] sorts object keys at every depth and adds no whitespace', () => {
		const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
		expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
	});

	it('[canonical-json:sorted] orders keys by UTF-16 code unit, as JSON.stringify escapes them', () => {
		expect(canonicalJson({ é: 1, a: 2, B: 3, '"q"': 4 })).toBe('{"\\"q\\"":4,"B":3,"a":2,"é":1}');
	});

	it('[canonical-json:undefined] leaves out object fields that are undefined, as JSON does', () => {
		expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
	});

	it('[canonical-json:undefined] refuses values JSON cannot carry', () => {
		expect(() => canonicalJson(undefined)).toThrow(TypeError);
		expect(() => canonicalJson(() => 1)).toThrow(TypeError);
	});

	it('[canonical-json:order-free] key insertion order never changes the output', () => {
		fc.assert(
			fc.property(jsonValue, fc.nat(), (value, seed) => {
				expect(canonicalJson(reorderKeys(value, seed))).toBe(canonicalJson(value));
			}),
			{ numRuns: 300 }
		);
	});

	it('[canonical-json:round-trip] JSON.parse gives back the value it was made from', () => {
		fc.assert(
			fc.property(jsonValue, (value) => {
				expect(JSON.parse(canonicalJson(value))).toEqual(value);
			}),
			{ numRuns: 300 }
		);
	});

	it('[canonical-json:round-trip] is itself canonical: re-encoding the parsed text changes nothing', () => {
		fc.assert(
			fc.property(jsonValue, (value) => {
				const text = canonicalJson(value);
				expect(canonicalJson(JSON.parse(text))).toBe(text);
			}),
			{ numRuns: 300 }
		);
	});
});
