import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { generateJSON } from '@tiptap/html/server';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { DOCUMENT_FIELD, documentExtensions } from '../../documents/document-extensions';
import { versionHash } from '../../domain/documents/version-hash';
import { docFromState, renderDocument, replacePassage } from './document-content';

const extensions = documentExtensions();

/** A living document as the editor would hold it, from HTML. */
function documentFrom(html: string): Y.Doc {
	const doc = new Y.Doc();
	prosemirrorJSONToYXmlFragment(
		getSchema(extensions),
		generateJSON(html, extensions),
		doc.getXmlFragment(DOCUMENT_FIELD)
	);
	return doc;
}

const plan =
	'<h2>停车收费方案</h2><p>地面车位<strong>每月100元</strong>，由物业公司收取。</p>' +
	'<table><tbody><tr><th><p>车位</p></th><th><p>费用</p></th></tr><tr><td><p>地下</p></td><td><p>150元</p></td></tr></tbody></table>';

describe('document content', () => {
	it('[document:render] renders headings, marks and tables with TipTap, one text line per block', async () => {
		const rendered = await renderDocument(documentFrom(plan));
		expect(rendered.html).toContain('<h2>停车收费方案</h2>');
		expect(rendered.html).toContain('<strong>每月100元</strong>');
		expect(rendered.html).toContain('<td colspan="1" rowspan="1"><p>150元</p></td>');
		expect(rendered.plainText).toBe(
			'停车收费方案\n地面车位每月100元，由物业公司收取。\n车位\n费用\n地下\n150元'
		);
		expect(rendered.sha256).toBe(await versionHash(rendered.html));
	});

	it('[document:hash] the hash is stable across saving and loading the Yjs state', async () => {
		const doc = documentFrom(plan);
		const first = await renderDocument(doc);
		const reloaded = await renderDocument(docFromState(Y.encodeStateAsUpdate(doc)));
		expect(reloaded).toEqual(first);
		expect((await renderDocument(docFromState(null))).html).toBe('<p></p>');
	});

	it('[amendment:apply] replaces the passage in place, keeping its formatting and the table', async () => {
		const doc = documentFrom(plan);
		// An editor's copy of the same document, which receives the change as an update.
		const editor = docFromState(Y.encodeStateAsUpdate(doc));
		const changed = replacePassage(doc, { passage: '100元', replacement: '80元' });
		const cell = replacePassage(doc, { passage: '150元', replacement: '120元' });
		if (!changed.ok || !cell.ok) throw new Error('passage not replaced');
		const { html } = await renderDocument(doc);
		expect(html).toContain('<strong>每月80元</strong>');
		expect(html).toContain('<td colspan="1" rowspan="1"><p>120元</p></td>');

		Y.applyUpdate(editor, changed.value);
		Y.applyUpdate(editor, cell.value);
		expect((await renderDocument(editor)).html).toBe(html);
	});

	it('[amendment:apply] refuses a passage that is not there or occurs twice', () => {
		const doc = documentFrom(plan);
		expect(replacePassage(doc, { passage: '每年', replacement: '' })).toMatchObject({
			ok: false,
			error: { code: 'passage-not-found' }
		});
		expect(replacePassage(doc, { passage: '元', replacement: '' })).toMatchObject({
			ok: false,
			error: { code: 'passage-ambiguous' }
		});
	});
});
