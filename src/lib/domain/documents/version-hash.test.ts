import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalContent, canonicalPlainText, versionHash } from './version-hash';

describe('version hash', () => {
	it('[document:hash] is the SHA-256 of the canonical HTML, as sha256sum prints it', async () => {
		// printf '%s' '<p>停车收费方案</p>' | sha256sum
		expect(await versionHash('<p>停车收费方案</p>')).toBe(
			'7d4d75f6ffa07300c76f9b1a29d96e911cea8a4909db59bf891bd5d41929afda'
		);
	});

	it('[document:hash] is the same for the same text however it was composed or saved', async () => {
		const composed = '<p>Caf\u00e9 收费</p>';
		const decomposed = '<p>Cafe\u0301 收费</p>';
		expect(await versionHash(decomposed)).toBe(await versionHash(composed));
		expect(await versionHash(`\r\n${composed}\r\n`)).toBe(await versionHash(composed));
	});

	it('[document:hash] changes when one character of the text changes', async () => {
		expect(await versionHash('<p>每月100元</p>')).not.toBe(await versionHash('<p>每月200元</p>'));
	});

	it('[document:hash] canonical content is idempotent, so hashing a stored version again gives its hash', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (html) => {
				const once = canonicalContent(html);
				expect(canonicalContent(once)).toBe(once);
				expect(await versionHash(once)).toBe(await versionHash(html));
			}),
			{ numRuns: 50 }
		);
	});

	it('plain text keeps one line per block and drops empty ones', () => {
		expect(canonicalPlainText('停车收费方案\n\n\n地面车位  \r\n100元\n')).toBe(
			'停车收费方案\n地面车位\n100元'
		);
	});
});
