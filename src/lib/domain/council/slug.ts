/** A readable, URL-safe handle for a council: from the English name, else a random tail. */
export function councilSlug(nameEn: string, randomTail: string): string {
	const base = nameEn
		.normalize('NFKD') // before lower-casing: some letters decompose to capitals (ℌ → H)
		.toLowerCase()
		.replace(/\p{M}/gu, '') // é decomposes to e + a combining accent: keep the e, not a hyphen
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 40)
		.replace(/^-+|-+$/g, ''); // trim after cutting, or a cut on a space leaves "name--tail"
	return base ? `${base}-${randomTail}` : `council-${randomTail}`;
}
