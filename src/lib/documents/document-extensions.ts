import type { Extensions } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { StarterKit } from '@tiptap/starter-kit';

/** The Yjs fragment the editor binds to; the server renders and amends the same one. */
export const DOCUMENT_FIELD = 'content';

/**
 * What a proposal may contain: headings, bold/italic, lists, links and tables (fee schedules).
 * The browser editor and the server renderer use this one list, so a frozen version's HTML is
 * exactly what the editor showed. Undo is left to the collaboration extension (per-user undo).
 */
export function documentExtensions(): Extensions {
	return [
		StarterKit.configure({
			undoRedo: false,
			heading: { levels: [1, 2, 3] },
			link: { openOnClick: false, autolink: true, defaultProtocol: 'https' }
		}),
		TableKit.configure({ table: { resizable: false } })
	];
}
