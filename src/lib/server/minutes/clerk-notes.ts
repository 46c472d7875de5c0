import * as Y from 'yjs';
import { collabRoomName } from '../../protocol/collab';
import type { Pool } from '../db/database';
import { collabRepository } from '../repositories/collab.repository';

/**
 * The clerks' live notes of a meeting, as plain text per agenda item: the stored Yjs state of the
 * `meeting-notes/<meetingId>` room (snapshot and the updates beside it), one fragment per item id.
 */
export async function readClerkNotes(
	sql: Pool,
	meetingId: string,
	itemIds: readonly string[]
): Promise<Record<string, string>> {
	const stored = await collabRepository(sql).load(collabRoomName({ kind: 'meeting-notes', meetingId }));
	if (!stored.snapshot && stored.updates.length === 0) return {};
	const doc = new Y.Doc();
	try {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u.update);
		const notes: Record<string, string> = {};
		for (const id of itemIds) {
			if (!doc.share.has(id)) continue;
			const text = fragmentText(doc.getXmlFragment(id)).trim();
			if (text) notes[id] = text;
		}
		return notes;
	} finally {
		doc.destroy();
	}
}

/** Block elements (paragraphs, list items, headings) become paragraphs separated by a blank line. */
function fragmentText(node: Y.XmlFragment | Y.XmlElement): string {
	const parts: string[] = [];
	for (const child of node.toArray()) {
		if (child instanceof Y.XmlText)
			parts.push(
				child
					.toDelta()
					.map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
					.join('')
			);
		else if (child instanceof Y.XmlElement) {
			const inner = fragmentText(child);
			parts.push(child.nodeName === 'hardBreak' ? '\n' : inner + (isBlock(child.nodeName) ? '\n\n' : ''));
		}
	}
	return parts.join('').replace(/\n{3,}/g, '\n\n');
}

const isBlock = (name: string) => !['text', 'hardBreak', 'bold', 'italic', 'link'].includes(name);
