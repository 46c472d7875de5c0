import type { Block, MinutesDocument } from './minutes-document';

/** Characters that would turn text from the record into Markdown syntax. */
const escape = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\n/g, '  \n');
const cell = (text: string) => escape(text).replace(/ {2}\n/g, ' ');

export function renderMarkdown(doc: MinutesDocument): string {
	return doc.blocks.map(block).join('\n\n') + '\n';
}

function block(b: Block): string {
	switch (b.kind) {
		case 'title':
			return `# ${escape(b.text)}`;
		case 'heading':
			return `${'#'.repeat(b.level)} ${escape(b.text)}`;
		case 'paragraph':
			return escape(b.text);
		case 'fields':
			return b.rows.map(([k, v]) => `- **${escape(k)}**: ${escape(v)}`).join('\n');
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
