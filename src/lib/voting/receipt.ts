/**
 * Receipt codes are made on the voter's own device, so the server never chooses (and so never
 * can predict) the code that later finds a secret ballot in the published list.
 */

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;
const GROUP = 5;

export type RandomBytes = (length: number) => Uint8Array;

const deviceRandom: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/** 100 random bits as `XXXXX-XXXXX-XXXXX-XXXXX`; 256 is a multiple of 32, so `& 31` stays uniform. */
export function newReceiptCode(random: RandomBytes = deviceRandom): string {
	const chars = [...random(LENGTH)].map((b) => ALPHABET[b & 31]!).join('');
	return group(chars);
}

/**
 * A code as typed back by a person: any case, spaces or dashes anywhere, and the letters Crockford
 * reads as digits (O → 0, I and L → 1). Null when it cannot be a receipt code.
 */
export function normaliseReceiptCode(typed: string): string | null {
	const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (chars.length !== LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return null;
	return group(chars);
}

const group = (chars: string) => (chars.match(new RegExp(`.{${GROUP}}`, 'g')) ?? []).join('-');

/** The published tag of a receipt: SHA-256 of the code, in lowercase hex. */
export async function receiptTag(code: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
