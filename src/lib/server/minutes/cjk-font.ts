import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';

let regular: Promise<Font> | null = null;

/**
 * Noto Sans SC (OFL) from its npm package: one face covers Chinese and Latin text. PDFKit embeds
 * only the glyphs a document uses, so a file of minutes carries tens of kilobytes of it, not 8 MB.
 * The face is parsed once per process: parsing 8 MB of CFF costs more than laying out the minutes.
 */
export function cjkFont(): Promise<Font> {
	if (!regular) {
		const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
		regular = readFile(join(dirname(main), '..', 'fonts', 'NotoSansHans-Regular.otf')).then((bytes) => {
			const font = create(bytes);
			if (!('layout' in font)) throw new Error('Noto Sans SC: expected a single font, not a collection');
			return font;
		});
		regular.catch(() => (regular = null));
	}
	return regular;
}
