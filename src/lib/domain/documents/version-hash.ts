/**
 * The form of a frozen version that its hash covers: the rendered HTML, in Unicode NFC (the same
 * Chinese text typed on two systems can differ in composition) with one kind of line ending and no
 * surrounding whitespace. The stored HTML is already canonical, so `sha256sum` of it verifies it.
 */
export function canonicalContent(html: string): string {
	return html.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** SHA-256 (hex) of the canonical content; Web Crypto, so browser and server compute the same. */
export async function versionHash(html: string): Promise<string> {
	const bytes = new TextEncoder().encode(canonicalContent(html));
	const digest = await crypto.subtle.digest('SHA-256', bytes);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Plain text of a version: one line per paragraph, heading, list item or table cell. */
export function canonicalPlainText(text: string): string {
	return text
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.trimEnd())
		.filter((line) => line.length > 0)
		.join('\n');
}
