import { fail, ok, type Result } from '../result';

/** A suggested change to a frozen version: this passage (within one paragraph) becomes that text. */
export interface PassageChange {
	passage: string;
	replacement: string;
}

export const AmendmentStatus = {
	proposed: 'proposed',
	accepted: 'accepted',
	rejected: 'rejected'
} as const;
export type AmendmentStatus = (typeof AmendmentStatus)[keyof typeof AmendmentStatus];

export type AmendmentError = 'passage-not-found' | 'passage-ambiguous' | 'passage-spans-paragraphs';

export interface PassagePlace {
	block: number;
	offset: number;
}

/**
 * Where the passage stands among the document's text blocks (paragraphs, headings, cells). It must
 * occur exactly once, so that accepting it changes the text its author saw and nothing else.
 */
export function locatePassage(
	blocks: readonly string[],
	passage: string
): Result<PassagePlace, AmendmentError> {
	if (passage.includes('\n')) return fail('passage-spans-paragraphs', 'A passage lies within one paragraph.');
	if (passage.length === 0) return fail('passage-not-found', 'The passage is empty.');
	let found: PassagePlace | null = null;
	for (const [block, text] of blocks.entries()) {
		let from = 0;
		for (let at = text.indexOf(passage, from); at !== -1; at = text.indexOf(passage, from)) {
			if (found) return fail('passage-ambiguous', 'The passage occurs more than once; quote more of it.');
			found = { block, offset: at };
			from = at + 1;
		}
	}
	return found ? ok(found) : fail('passage-not-found', 'The passage is not in the text.');
}

/** The plain text of a version with the change applied, for showing the amendment as a diff. */
export function applyToText(text: string, change: PassageChange): Result<string, AmendmentError> {
	const blocks = text.split('\n');
	const place = locatePassage(blocks, change.passage);
	if (!place.ok) return place;
	const { block, offset } = place.value;
	const line = blocks[block]!;
	blocks[block] = line.slice(0, offset) + change.replacement + line.slice(offset + change.passage.length);
	return ok(blocks.join('\n'));
}

/** The paragraph the change touches, before and after: what readers compare. */
export function amendedParagraph(
	text: string,
	change: PassageChange
): Result<{ before: string; after: string }, AmendmentError> {
	const blocks = text.split('\n');
	const place = locatePassage(blocks, change.passage);
	if (!place.ok) return place;
	const before = blocks[place.value.block]!;
	const { offset } = place.value;
	const after = before.slice(0, offset) + change.replacement + before.slice(offset + change.passage.length);
	return ok({ before, after });
}
