import * as Y from 'yjs';
import { generateText } from '@tiptap/core';
import { generateHTML } from '@tiptap/html/server';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { locatePassage, type AmendmentError, type PassageChange } from '../../domain/documents/amendment';
import { canonicalContent, canonicalPlainText, versionHash } from '../../domain/documents/version-hash';
import { fail, ok, type Result } from '../../domain/result';
import { DOCUMENT_FIELD, documentExtensions } from '../../documents/document-extensions';

export interface RenderedDocument {
	html: string;
	plainText: string;
	sha256: string;
}

const extensions = documentExtensions();
const EMPTY = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The document as the editor shows it, rendered by TipTap itself (no serializer of our own). */
export async function renderDocument(doc: Y.Doc): Promise<RenderedDocument> {
	const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_FIELD));
	const content = json.content?.length ? json : EMPTY;
	const html = canonicalContent(generateHTML(content, extensions));
	const plainText = canonicalPlainText(generateText(content, extensions, { blockSeparator: '\n' }));
	return { html, plainText, sha256: await versionHash(html) };
}

export function docFromState(state: Uint8Array | null): Y.Doc {
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	return doc;
}

/** Every run of text in document order: one per paragraph, heading, list item or table cell. */
function textRuns(fragment: Y.XmlFragment): Y.XmlText[] {
	const out: Y.XmlText[] = [];
	const walk = (node: Y.XmlFragment | Y.XmlElement) => {
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) out.push(child);
			else if (child instanceof Y.XmlElement) walk(child);
		}
	};
	walk(fragment);
	return out;
}

const plain = (text: Y.XmlText) =>
	(text.toDelta() as { insert: unknown }[])
		.map((d) => (typeof d.insert === 'string' ? d.insert : ''))
		.join('');

/**
 * Applies an accepted amendment to the living document in one transaction: the passage is
 * replaced where it stands, keeping its formatting (bold, a table cell), so the rest of the text
 * and everyone's concurrent edits are untouched. Returns the Yjs update to send to editors.
 */
export function replacePassage(doc: Y.Doc, change: PassageChange): Result<Uint8Array, AmendmentError> {
	const runs = textRuns(doc.getXmlFragment(DOCUMENT_FIELD));
	const place = locatePassage(runs.map(plain), change.passage);
	if (!place.ok) return place;
	const run = runs[place.value.block]!;
	const { offset } = place.value;
	const marks = markAt(run, offset);
	let update: Uint8Array | null = null;
	const capture = (u: Uint8Array) => (update = u);
	doc.once('update', capture);
	doc.transact(() => {
		run.delete(offset, change.passage.length);
		if (change.replacement) run.insert(offset, change.replacement, marks);
	});
	return update ? ok(update) : fail('passage-not-found', 'Nothing changed.');
}

function markAt(text: Y.XmlText, offset: number): Record<string, unknown> {
	let at = 0;
	for (const d of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
		const length = typeof d.insert === 'string' ? d.insert.length : 1;
		if (offset < at + length) return d.attributes ?? {};
		at += length;
	}
	return {};
}
