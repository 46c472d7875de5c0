import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let regular: Promise<Buffer> | null = null;

/**
 * Noto Sans SC (OFL) from its npm package: one face covers Chinese and Latin text. PDFKit embeds
 * only the glyphs a document uses, so a file of minutes carries tens of kilobytes of it, not 8 MB.
 */
export function cjkFont(): Promise<Buffer> {
	if (!regular) {
		const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
		regular = readFile(join(dirname(main), '..', 'fonts', 'NotoSansHans-Regular.otf'));
		regular.catch(() => (regular = null));
	}
	return regular;
}
