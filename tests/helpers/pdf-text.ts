import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page of a PDF, as a reader's copy-and-paste would give it (pdf.js). */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
	const pdf = await getDocument({
		data: new Uint8Array(bytes),
		useSystemFonts: false,
		isEvalSupported: false
	}).promise;
	const pages: string[] = [];
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
	}
	await pdf.destroy();
	return pages;
}
