import type { Minutes } from '../../domain/minutes/minutes';
import { minutesDocument } from '../../domain/minutes/minutes-document';
import type { MinutesLocale } from '../../domain/minutes/minutes-labels';
import { toPopolo } from '../../domain/minutes/popolo';
import { renderHtml } from '../../domain/minutes/render-html';
import { renderMarkdown } from '../../domain/minutes/render-markdown';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';

export const MINUTES_FORMATS = ['md', 'html', 'json', 'pdf', 'docx'] as const;
export type MinutesFormat = (typeof MINUTES_FORMATS)[number];

export interface MinutesFile {
	name: string;
	contentType: string;
	body: Uint8Array;
}

const TYPES: Record<MinutesFormat, string> = {
	md: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
	json: 'application/json; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};

/** One minutes version as a file. The JSON (Popolo) is language-neutral apart from the names in it. */
export async function minutesFile(
	minutes: Minutes,
	format: MinutesFormat,
	locale: MinutesLocale,
	baseName: string
): Promise<MinutesFile> {
	const doc = minutesDocument(minutes, locale);
	const text = (s: string) => new TextEncoder().encode(s);
	const body =
		format === 'md'
			? text(renderMarkdown(doc))
			: format === 'html'
				? text(renderHtml(doc))
				: format === 'json'
					? text(JSON.stringify(toPopolo(minutes), null, 2) + '\n')
					: format === 'pdf'
						? await renderPdf(doc)
						: await renderDocx(doc);
	return { name: `${baseName}.${locale}.${format}`, contentType: TYPES[format], body };
}
