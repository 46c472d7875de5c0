import type { Minutes } from './minutes';
import { minutesDocument } from './minutes-document';
import type { MinutesLocale } from './minutes-labels';
import { renderMarkdown } from './render-markdown';

export interface MinutesHit {
	locale: MinutesLocale;
	snippets: string[];
}

const SNIPPET = 40;
const MAX_SNIPPETS = 3;

/**
 * Where a keyword occurs in minutes, in either language. Matching is on the rendered text, case
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
		const text = renderMarkdown(minutesDocument(minutes[locale], locale))
			.replace(/[\\#*|]/g, '')
			.replace(/\s+/g, ' ');
		const folded = text.toLocaleLowerCase();
		const snippets: string[] = [];
		for (
			let at = folded.indexOf(needle);
			at >= 0 && snippets.length < MAX_SNIPPETS;
			at = folded.indexOf(needle, at + needle.length)
		) {
			const from = Math.max(0, at - SNIPPET);
			const to = Math.min(text.length, at + needle.length + SNIPPET);
			snippets.push(`${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`);
		}
		if (snippets.length) hits.push({ locale, snippets });
	}
	return hits;
}
