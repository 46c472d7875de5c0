import { diffArrays } from 'diff';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Words as a reader sees them, in any language: Intl.Segmenter finds Chinese word boundaries
 * (共享|花园|方案) where splitting on spaces would treat a whole sentence as one word.
 */
export function words(text: string, locale = 'zh'): string[] {
	const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
	return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** A readable word-level diff between two versions of a text; runs of the same kind are merged. */
export function wordDiff(before: string, after: string, locale = 'zh'): DiffPart[] {
	const out: DiffPart[] = [];
	for (const change of diffArrays(words(before, locale), words(after, locale))) {
		const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
		const text = change.value.join('');
		const last = out.at(-1);
		if (last?.kind === kind) last.text += text;
		else if (text) out.push({ kind, text });
	}
	return out;
}
