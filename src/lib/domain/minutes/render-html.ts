import type { Block, MinutesDocument } from './minutes-document';

const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** Large type and plain tables, for elders reading on paper; the browser's print prints it as is. */
const STYLE = `body{font-family:"Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:14pt;line-height:1.6;max-width:48em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:1.6em}h3{font-size:1.15em}h4{font-size:1em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #444;padding:.25em .6em;text-align:left}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
@media print{body{margin:0;max-width:none;font-size:12pt}h2,h3{break-after:avoid}table{break-inside:avoid}}`;

export function renderHtml(doc: MinutesDocument): string {
	return `<!doctype html>
<html lang="${doc.locale === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(doc.title)}</title><style>${STYLE}</style></head>
<body><main>
${doc.blocks.map(block).join('\n')}
</main></body>
</html>
`;
}

function block(b: Block): string {
	switch (b.kind) {
		case 'title':
			return `<h1>${escape(b.text)}</h1>`;
		case 'heading':
			return `<h${b.level}>${escape(b.text)}</h${b.level}>`;
		case 'paragraph':
			return `<p>${escape(b.text).replace(/\n/g, '<br>')}</p>`;
		case 'fields':
			return `<dl>${b.rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`;
		case 'list':
			return `<ul>${b.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`;
		case 'table':
			return `<table><thead><tr>${b.head.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
				.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
				.join('')}</tbody></table>`;
	}
}
