/** A readable, URL-safe handle for a council: from the English name, else a random tail. */
export function councilSlug(nameEn: string, randomTail: string): string {
	const base = nameEn
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return base ? `${base}-${randomTail}` : `council-${randomTail}`;
}
