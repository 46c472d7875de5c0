import { describe, expect, it } from 'vitest';
import { generateMinutes } from '../../src/lib/domain/minutes/generate-minutes';
import { minutesDocument } from '../../src/lib/domain/minutes/minutes-document';
import { renderHtml } from '../../src/lib/domain/minutes/render-html';
import { renderDocx } from '../../src/lib/server/minutes/render-docx';
import { renderPdf } from '../../src/lib/server/minutes/render-pdf';
import { docxText } from '../helpers/docx-text';
import { pdfText } from '../helpers/pdf-text';
import { jinghuJune, jinghuMay } from '../fixtures/minutes/scripted-meetings';

const may = minutesDocument(generateMinutes(jinghuMay()), 'zh');
const june = minutesDocument(generateMinutes(jinghuJune()), 'zh');
/** Whitespace differs between formats (table cells, line breaks); the words do not. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe('minutes files', () => {
	it('[minutes:pdf] the PDF carries the Chinese agenda titles, the vote counts and page numbers', async () => {
		const pdf = await renderPdf(may);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		// The font is subset: the whole Noto Sans SC face is 8 MB.
		expect(pdf.length).toBeLessThan(400_000);
		const text = squash((await pdfText(pdf)).join('\n'));
		for (const title of ['开会', '通过上月会议纪要', '集装箱卡车在小区内停放', '其他事项'])
			expect(text).toContain(title);
		expect(text).toContain('赞成4反对0弃权1合计5');
		expect(text).toContain('第1页，共');
	});

	it('[minutes:docx] the Word file parsed back says the same', async () => {
		const text = squash(docxText(await renderDocx(may)));
		for (const title of ['开会', '通过上月会议纪要', '集装箱卡车在小区内停放', '其他事项'])
			expect(text).toContain(title);
		expect(text).toContain('赞成4反对0弃权1合计5');
		expect(text).toContain('郑桂芳赞成代理，由孙卫东代投');
	});

	it('[minutes:field-colon] a field’s name ends in a full-width colon in Chinese files and in ": " in English ones', async () => {
		const english = minutesDocument(generateMinutes(jinghuMay()), 'en');
		for (const text of [
			(await pdfText(await renderPdf(english))).join('\n'),
			docxText(await renderDocx(english))
		]) {
			expect(text).toContain('Council: 景湖社区老年协会');
			// Chinese text inside (an item's notes) keeps its own; no English field name takes one.
			expect(text).not.toMatch(/[A-Za-z)]：/);
		}
		for (const text of [(await pdfText(await renderPdf(may))).join('\n'), docxText(await renderDocx(may))])
			expect(squash(text)).toContain('组织：景湖社区老年协会');
	});

	it('[minutes:secret] no file of a secret ballot puts a voter beside a choice', async () => {
		const texts = [
			squash((await pdfText(await renderPdf(june))).join('')),
			squash(docxText(await renderDocx(june))),
			squash(renderHtml(june).replace(/<[^>]+>/g, ' '))
		];
		for (const text of texts) {
			expect(text).toContain('赞成5反对0弃权1合计6');
			expect(text).toContain('参加投票');
			expect(text).not.toContain('投票人');
			for (const name of ['王德福', '孙卫东', '陈阿根', '林海生', '郑桂芳', '胡宝康']) {
				expect(text).not.toMatch(new RegExp(`${name}(赞成|反对|弃权)`));
			}
		}
	});

	it('[minutes:html] the printable page is a whole document in the reader’s language', () => {
		const html = renderHtml(may);
		expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
		expect(html).toContain('<th scope="col">选项</th>');
		expect(renderHtml(minutesDocument(generateMinutes(jinghuMay()), 'en'))).toContain('<html lang="en">');
	});
});
