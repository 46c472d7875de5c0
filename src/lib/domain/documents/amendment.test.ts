import { describe, expect, it } from 'vitest';
import { amendedParagraph, applyToText, locatePassage } from './amendment';

const version = [
	'停车收费方案',
	'地面车位每月收费100元，由物业公司收取。',
	'Visitors park free for two hours.'
].join('\n');

describe('amendment', () => {
	it('[amendment:apply] replaces the quoted passage and nothing else', () => {
		const result = applyToText(version, { passage: '每月收费100元', replacement: '每月收费80元' });
		expect(result).toEqual({
			ok: true,
			value: [
				'停车收费方案',
				'地面车位每月收费80元，由物业公司收取。',
				'Visitors park free for two hours.'
			].join('\n')
		});
		expect(applyToText(version, { passage: 'two hours', replacement: 'one hour' })).toMatchObject({
			ok: true,
			value: expect.stringContaining('free for one hour.')
		});
	});

	it('[amendment:apply] an empty replacement deletes the passage', () => {
		const result = applyToText(version, { passage: '，由物业公司收取', replacement: '' });
		expect(result).toMatchObject({ ok: true, value: expect.stringContaining('每月收费100元。') });
	});

	it('[amendment:place] finds the block and offset of the passage', () => {
		expect(locatePassage(version.split('\n'), '物业公司')).toEqual({
			ok: true,
			value: { block: 1, offset: 14 }
		});
	});

	it('[amendment:place] refuses a passage that is missing, repeated or crosses paragraphs', () => {
		const blocks = version.split('\n');
		expect(locatePassage(blocks, '每年')).toMatchObject({ ok: false, error: { code: 'passage-not-found' } });
		expect(locatePassage(blocks, '')).toMatchObject({ ok: false, error: { code: 'passage-not-found' } });
		expect(locatePassage(blocks, '收')).toMatchObject({ ok: false, error: { code: 'passage-ambiguous' } });
		expect(locatePassage(['aa'], 'a')).toMatchObject({ ok: false, error: { code: 'passage-ambiguous' } });
		expect(locatePassage(blocks, '方案\n地面')).toMatchObject({
			ok: false,
			error: { code: 'passage-spans-paragraphs' }
		});
	});
});

describe('amended paragraph', () => {
	it('[amendment:apply] gives the touched paragraph before and after, for the diff readers see', () => {
		expect(amendedParagraph(version, { passage: '100元', replacement: '80元' })).toEqual({
			ok: true,
			value: {
				before: '地面车位每月收费100元，由物业公司收取。',
				after: '地面车位每月收费80元，由物业公司收取。'
			}
		});
	});
});
