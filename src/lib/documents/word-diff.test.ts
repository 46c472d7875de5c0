import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wordDiff, words } from './word-diff';

const side = (parts: ReturnType<typeof wordDiff>, keep: 'added' | 'removed') =>
	parts
		.filter((p) => p.kind === 'same' || p.kind === keep)
		.map((p) => p.text)
		.join('');

describe('word-level diff of document versions', () => {
	it('[diff:chinese] Chinese text is split into words, not characters or whole sentences', () => {
		expect(words('共享花园方案由居民共同起草')).toEqual([
			'共享',
			'花园',
			'方案',
			'由',
			'居民',
			'共同',
			'起草'
		]);
	});

	it('[diff:chinese] a changed fee in a parking plan shows as one removed and one added word', () => {
		const parts = wordDiff('每月停车费为一百五十元。', '每月停车费为一百二十元。');
		expect(parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
			['removed', '五十'],
			['added', '二十']
		]);
	});

	it('[diff:english] English words are compared whole', () => {
		const parts = wordDiff(
			'The garden is shared by all residents.',
			'The garden is shared by residents of three compounds.'
		);
		expect(parts).toEqual([
			{ kind: 'same', text: 'The garden is shared by ' },
			{ kind: 'removed', text: 'all ' },
			{ kind: 'same', text: 'residents' },
			{ kind: 'added', text: ' of three compounds' },
			{ kind: 'same', text: '.' }
		]);
	});

	it('[diff:complete] both versions can be read back from the diff exactly', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const parts = wordDiff(a, b);
				expect(side(parts, 'removed')).toBe(a);
				expect(side(parts, 'added')).toBe(b);
			})
		);
	});
});
