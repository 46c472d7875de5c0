import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReceiptInput } from '$lib/protocol/voting.schema';
import { newReceiptCode, normaliseReceiptCode, receiptTag } from './receipt';

describe('receipt codes', () => {
	it('[receipt:format] a new code is what the ballot schema accepts', () => {
		for (let i = 0; i < 200; i++) {
			const code = newReceiptCode();
			expect(ReceiptInput.safeParse(code).success, code).toBe(true);
		}
	});

	it('[receipt:format] every byte maps into the alphabet, the last group included', () => {
		const code = newReceiptCode((n) => Uint8Array.from({ length: n }, (_, i) => i * 13 + 255));
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
		expect(newReceiptCode((n) => new Uint8Array(n).fill(31))).toBe('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
	});

	it('[receipt:check] a code typed back with spaces, lower case and look-alike letters is the same code', () => {
		expect(normaliseReceiptCode(' 0abcd efghj-kmnpq rstvo ')).toBe('0ABCD-EFGHJ-KMNPQ-RSTV0');
		expect(normaliseReceiptCode('1iL00-00000-00000-00000')).toBe('11100-00000-00000-00000');
		expect(normaliseReceiptCode('ABCDE-FGHJK')).toBeNull();
		expect(normaliseReceiptCode('UUUUU-UUUUU-UUUUU-UUUUU')).toBeNull();
	});

	it('[receipt:tag] the published tag is the SHA-256 of the code in lowercase hex', async () => {
		const code = '7K2QX-9M4TB-0R8HW-3ZC5N';
		expect(await receiptTag(code)).toBe(createHash('sha256').update(code).digest('hex'));
	});
});
