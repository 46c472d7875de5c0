import type { Block, MinutesDocument } from './minutes-document';
import { MINUTES_LABELS } from './minutes-labels';

/** Characters that would turn text from the record into Markdown syntax. */
const escape = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\n/g, '  \n');
const cell = (text: string) => escape(text).replace(/ {2}\n/g, ' ');

export function renderMarkdown(doc: MinutesDocument): string {
	const colon = MINUTES_LABELS[doc.locale].colon;
	return doc.blocks.map((b) => block(b, colon)).join('\n\n') + '\n';
}

function block(b: Block, colon: string): string {
	switch (b.kind) {
		case 'title':
			return `# ${escape(b.text)}`;
		case 'heading':
			return `${'#'.repeat(b.level)} ${escape(b.text)}`;
		case 'paragraph':
			return escape(b.text);
		case 'fields':
			return b.rows.map(([k, v]) => `- **${escape(k)}**${colon}${escape(v)}`).join('\n');
		case 'list':
			return b.items.map((i) => `- ${escape(i)}`).join('\n');
		case 'table':
			return [
				`| ${b.head.map(cell).join(' | ')} |`,
				`| ${b.head.map(() => '---').join(' | ')} |`,
				...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
			].join('\n');
	}
}
