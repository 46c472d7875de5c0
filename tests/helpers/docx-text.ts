import { unzipSync, strFromU8 } from 'fflate';

/** The text runs of a .docx (word/document.xml), unzipped and stripped of markup, one paragraph a line. */
export function docxText(bytes: Uint8Array): string {
	const files = unzipSync(new Uint8Array(bytes));
	const xml = strFromU8(files['word/document.xml']!);
	return xml
		.replace(/<\/w:p>/g, '\n')
		.replace(/<w:tab\/>/g, '\t')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}
