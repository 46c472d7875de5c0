import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textSplice } from './text-diff';

const apply = (s: string, p: ReturnType<typeof textSplice>) =>
	s.slice(0, p.index) + p.insert + s.slice(p.index + p.remove);

describe('text splice for the live pad', () => {
	it('[pad:splice] applying the splice always yields the new text', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				expect(apply(a, textSplice(a, b))).toBe(b);
			})
		);
	});
	it('[pad:splice] a typed character in Chinese text is one insert', () => {
		expect(textSplice('共享花园', '共享小花园')).toEqual({ index: 2, remove: 0, insert: '小' });
	});
});
