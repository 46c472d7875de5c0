import PDFDocument from 'pdfkit';
import type { Block, MinutesDocument } from '../../domain/minutes/minutes-document';
import { MINUTES_LABELS } from '../../domain/minutes/minutes-labels';
import { cjkFont } from './cjk-font';

const MARGIN = 56;
const SIZE = { title: 18, 2: 14, 3: 12.5, 4: 11.5, body: 10.5, small: 8.5 } as const;

/** The minutes on A4 with the council in the running header and "page n of m" in the footer. */
export async function renderPdf(doc: MinutesDocument): Promise<Buffer> {
	const font = await cjkFont();
	const pdf = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN + 14, bottom: MARGIN, left: MARGIN, right: MARGIN },
		bufferPages: true,
		info: { Title: doc.title, Creator: 'Yishi' },
		lang: doc.locale === 'zh' ? 'zh-CN' : 'en'
	});
	// PDFKit takes an already parsed fontkit face (anything with `layout`), though its types say files only.
	pdf.registerFont('body', font as unknown as Buffer);
	pdf.font('body');
	const chunks: Buffer[] = [];
	pdf.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);
	});
	const { colon } = MINUTES_LABELS[doc.locale];
	for (const b of doc.blocks) block(pdf, b, colon);
	decoratePages(pdf, doc);
	pdf.end();
	return done;
}

/** `colon` ends a field's name: full-width in Chinese, ': ' in English. */
function block(pdf: PDFKit.PDFDocument, b: Block, colon: string): void {
	const width = pdf.page.width - MARGIN * 2;
	switch (b.kind) {
		case 'title':
			pdf.fontSize(SIZE.title).text(b.text, { align: 'center' }).moveDown(0.6);
			return;
		case 'heading':
			pdf.moveDown(0.5).fontSize(SIZE[b.level]).text(b.text).moveDown(0.2);
			return;
		case 'paragraph':
			pdf.fontSize(SIZE.body).text(b.text, { width }).moveDown(0.4);
			return;
		case 'fields':
			pdf.fontSize(SIZE.body);
			for (const [k, v] of b.rows) pdf.text(`${k}${colon}${v}`, { width });
			pdf.moveDown(0.4);
			return;
		case 'list':
			pdf.fontSize(SIZE.body);
			for (const item of b.items) pdf.text(`•  ${item}`, { width, indent: 0 });
			pdf.moveDown(0.4);
			return;
		case 'table':
			table(pdf, b.head, b.rows, width);
			return;
	}
}

/** A ruled table; a row that does not fit starts a new page. */
function table(pdf: PDFKit.PDFDocument, head: string[], rows: string[][], width: number): void {
	pdf.fontSize(SIZE.body);
	const pad = 4;
	const weights = head.map((h, i) =>
		Math.max(4, ...[h, ...rows.map((r) => r[i] ?? '')].map((t) => Math.min(t.length, 40)))
	);
	const sum = weights.reduce((a, b) => a + b, 0);
	const cols = weights.map((w) => (w / sum) * width);
	// Most cells (names, counts) fit on one line; measuring a width is far cheaper than line breaking.
	const line = pdf.currentLineHeight(true);
	const cellHeight = (c: string, width: number) =>
		!c.includes('\n') && pdf.widthOfString(c) <= width ? line : pdf.heightOfString(c, { width });
	const heightOf = (cells: string[]) =>
		Math.max(...cells.map((c, i) => cellHeight(c, cols[i]! - pad * 2))) + pad * 2;
	// A table that fits on a page is kept on one page, so counts are never split from their heading.
	const heights = [head, ...rows].map(heightOf);
	const whole = heights.reduce((sum, h) => sum + h, 0);
	const limit = pdf.page.height - MARGIN;
	if (pdf.y + whole > limit && whole < limit - pdf.page.margins.top) pdf.addPage();
	const drawRow = (cells: string[], h: number, bold: boolean) => {
		if (pdf.y + h > pdf.page.height - MARGIN) pdf.addPage();
		const top = pdf.y;
		let x = MARGIN;
		cells.forEach((c, i) => {
			if (bold) pdf.rect(x, top, cols[i]!, h).fillAndStroke('#eeeeee', '#444444').fillColor('black');
			else pdf.rect(x, top, cols[i]!, h).stroke('#444444');
			pdf.text(c, x + pad, top + pad, { width: cols[i]! - pad * 2, lineBreak: h > line + pad * 2 });
			x += cols[i]!;
		});
		pdf.x = MARGIN;
		pdf.y = top + h;
	};
	drawRow(head, heights[0]!, true);
	rows.forEach((r, i) => drawRow(r, heights[i + 1]!, false));
	pdf.moveDown(0.6);
}

function decoratePages(pdf: PDFKit.PDFDocument, doc: MinutesDocument): void {
	const { start, count } = pdf.bufferedPageRange();
	for (let i = start; i < start + count; i++) {
		pdf.switchToPage(i);
		const width = pdf.page.width - MARGIN * 2;
		// Writing into the margins must not move the cursor onto a new page.
		const bottom = pdf.page.margins.bottom;
		pdf.page.margins.bottom = 0;
		pdf.fontSize(SIZE.small).fillColor('#444444');
		pdf.text(doc.council, MARGIN, MARGIN - 10, { width, align: 'right', lineBreak: false });
		const page = doc.locale === 'zh' ? `第 ${i + 1} 页，共 ${count} 页` : `Page ${i + 1} of ${count}`;
		pdf.text(page, MARGIN, pdf.page.height - MARGIN + 16, { width, align: 'center', lineBreak: false });
		pdf.page.margins.bottom = bottom;
		pdf.fillColor('black');
	}
}
