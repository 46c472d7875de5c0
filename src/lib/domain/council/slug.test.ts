import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { councilSlug } from './slug';

const WELL_FORMED = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('council slug', () => {
	it('[slug:readable] is the English name in lower-case words, then the random tail', () => {
		expect(councilSlug('Pepsi Council', 'a1b2c3')).toBe('pepsi-council-a1b2c3');
		expect(councilSlug('  Property–Merchant Joint Council!  ', 'ff0011')).toBe(
			'property-merchant-joint-council-ff0011'
		);
	});

	it('[slug:readable] accents, full-width and styled letters fold to plain ASCII', () => {
		expect(councilSlug('Café Élan', 'x1')).toBe('cafe-elan-x1');
		expect(councilSlug('ℌ𝔬𝔲𝔰𝔢 Ⅳ', 'x1')).toBe('house-iv-x1');
		expect(councilSlug('Ｊｉｎｇｈｕ　Ｅｌｄｅｒｓ', 'x1')).toBe('jinghu-elders-x1');
	});

	it('[slug:fallback] a name with no Latin letters or digits becomes council-<tail>', () => {
		expect(councilSlug('景湖社区老年协会', '9f8e7d')).toBe('council-9f8e7d');
		expect(councilSlug('', '9f8e7d')).toBe('council-9f8e7d');
		expect(councilSlug('—!—', '9f8e7d')).toBe('council-9f8e7d');
	});

	it('[slug:length] the name part is at most 40 characters', () => {
		const slug = councilSlug('word '.repeat(30), 'abc');
		expect(slug.endsWith('-abc')).toBe(true);
		expect(slug.length - '-abc'.length).toBeLessThanOrEqual(40);
	});

	it('[slug:url-safe] any name gives lower-case words joined by single hyphens', () => {
		const tail = fc.stringMatching(/^[0-9a-f]{6}$/);
		const piece = fc.oneof(
			fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
			fc.constantFrom(' ', '-', '–', '  ', '!', 'é', 'Ｑ', '议事', '\u0301')
		);
		const name = fc.oneof(
			fc.string({ unit: 'grapheme', maxLength: 80 }),
			fc.array(piece, { maxLength: 20 }).map((p) => p.join(''))
		);
		fc.assert(
			fc.property(name, tail, (name, t) => {
				const slug = councilSlug(name, t);
				expect(slug).toMatch(WELL_FORMED);
				expect(slug.endsWith(`-${t}`)).toBe(true);
				expect(slug.length).toBeLessThanOrEqual(40 + 1 + t.length);
			}),
			{ numRuns: 500 }
		);
	});

	it('[slug:url-safe] a name cut at 40 characters never leaves a dangling hyphen', () => {
		// 39 letters, then a space that falls on the 40th character.
		expect(councilSlug(`${'a'.repeat(39)} council`, 'abc')).toBe(`${'a'.repeat(39)}-abc`);
	});
});
