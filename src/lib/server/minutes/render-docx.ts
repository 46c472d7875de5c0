import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Header,
	HeadingLevel,
	Packer,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { Block, MinutesDocument } from '../../domain/minutes/minutes-document';
import { MINUTES_LABELS } from '../../domain/minutes/minutes-labels';

const HEADING = { 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;
const FONT = { ascii: 'Noto Sans SC', eastAsia: 'Noto Sans SC', hAnsi: 'Noto Sans SC' };
const border = { style: BorderStyle.SINGLE, size: 4, color: '444444' };

/** The minutes as a Word document the clerk can file or print, with the same blocks as every format. */
export function renderDocx(doc: MinutesDocument): Promise<Buffer> {
	const page = doc.locale === 'zh' ? ['第 ', ' 页，共 ', ' 页'] : ['Page ', ' of ', ''];
	const document = new Document({
		title: doc.title,
		creator: 'Yishi',
		styles: { default: { document: { run: { font: FONT, size: 24 } } } },
		sections: [
			{
				headers: {
					default: new Header({
						children: [
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: [new TextRun({ text: doc.council, size: 18 })]
							})
						]
					})
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [
									new TextRun({
										children: [page[0]!, PageNumber.CURRENT, page[1]!, PageNumber.TOTAL_PAGES, page[2]!],
										size: 18
									})
								]
							})
						]
					})
				},
				children: doc.blocks.flatMap((b) => block(b, MINUTES_LABELS[doc.locale].colon))
			}
		]
	});
	return Packer.toBuffer(document);
}

/** `colon` ends a field's name: full-width in Chinese, ': ' in English. */
function block(b: Block, colon: string): (Paragraph | Table)[] {
	switch (b.kind) {
		case 'title':
			return [new Paragraph({ text: b.text, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER })];
		case 'heading':
			return [new Paragraph({ text: b.text, heading: HEADING[b.level] })];
		case 'paragraph':
			return [new Paragraph({ text: b.text })];
		case 'fields':
			return b.rows.map(
				([k, v]) =>
					new Paragraph({ children: [new TextRun({ text: `${k}${colon}`, bold: true }), new TextRun(v)] })
			);
		case 'list':
			return b.items.map((i) => new Paragraph({ text: i, bullet: { level: 0 } }));
		case 'table':
			return [
				new Table({
					width: { size: 100, type: WidthType.PERCENTAGE },
					rows: [row(b.head, true), ...b.rows.map((r) => row(r, false))]
				}),
				new Paragraph({ text: '' })
			];
	}
}

function row(cells: string[], head: boolean): TableRow {
	return new TableRow({
		tableHeader: head,
		children: cells.map(
			(c) =>
				new TableCell({
					borders: { top: border, bottom: border, left: border, right: border },
					children: [new Paragraph({ children: [new TextRun({ text: c, bold: head })] })]
				})
		)
	});
}
