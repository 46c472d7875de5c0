import type { Minutes } from './minutes';
import { minutesDocument, type Block } from './minutes-document';
import type { MinutesLocale } from './minutes-labels';

export interface MinutesHit {
	locale: MinutesLocale;
	snippets: string[];
}

const SNIPPET = 40;
const MAX_SNIPPETS = 3;

/**
 * The minutes as lines of plain text, one per paragraph, field, list item or table row, so that
 * a snippet reads as text (no Markdown syntax) and never runs from one line into the next.
 */
function plainLines(blocks: Block[], locale: MinutesLocale): string[] {
	const colon = locale === 'zh' ? '：' : ': ';
	const cells = locale === 'zh' ? '，' : ', ';
	return blocks
		.flatMap((b) => {
			switch (b.kind) {
				case 'title':
				case 'heading':
				case 'paragraph':
					return [b.text];
				case 'fields':
					return b.rows.map(([k, v]) => `${k}${colon}${v}`);
				case 'list':
					return b.items;
				case 'table':
					return b.rows.map((row) => row.map((c, i) => `${b.head[i] ?? ''}${colon}${c}`).join(cells));
			}
		})
		.map((line) => line.replace(/\s+/g, ' ').trim());
}

/**
 * Where a keyword occurs in minutes, in either language. Matching is on the plain text, case
 * folded, with no word splitting, so Chinese (which has no spaces) matches as typed.
 */
export function searchMinutes(
	minutes: Readonly<Record<MinutesLocale, Minutes>>,
	keyword: string
): MinutesHit[] {
	const needle = keyword.trim().toLocaleLowerCase();
	if (!needle) return [];
	const hits: MinutesHit[] = [];
	for (const locale of ['zh', 'en'] as const) {
		const snippets: string[] = [];
		for (const text of plainLines(minutesDocument(minutes[locale], locale).blocks, locale)) {
			const folded = text.toLocaleLowerCase();
			for (
				let at = folded.indexOf(needle);
				at >= 0 && snippets.length < MAX_SNIPPETS;
				at = folded.indexOf(needle, at + needle.length)
			) {
				const from = Math.max(0, at - SNIPPET);
				const to = Math.min(text.length, at + needle.length + SNIPPET);
				snippets.push(`${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`);
			}
		}
		if (snippets.length) hits.push({ locale, snippets });
	}
	return hits;
}
