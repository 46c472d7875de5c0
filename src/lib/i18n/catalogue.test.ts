import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (locale: string) =>
	JSON.parse(readFileSync(new URL(`./messages/${locale}.json`, import.meta.url), 'utf8')) as Record<
		string,
		string
	>;

describe('message catalogue', () => {
	const zh = load('zh');
	const en = load('en');

	it('[i18n:complete] every message exists in both 简体中文 and English', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		expect(Object.keys(zh).length).toBeGreaterThan(100);
	});

	it('[i18n:complete] no message is empty, and placeholders match across languages', () => {
		for (const key of Object.keys(zh).filter((k) => k !== '$schema')) {
			expect(zh[key], key).not.toBe('');
			expect(en[key], key).not.toBe('');
			const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
			expect(params(zh[key]!), key).toEqual(params(en[key]!));
		}
	});

	it('[i18n:polite] the Chinese interface addresses the reader as 您, never 你', () => {
		expect(Object.entries(zh).filter(([, text]) => text.includes('你'))).toEqual([]);
	});

	it('[i18n:punctuation] Chinese messages use full-width colons and brackets beside Chinese text', () => {
		const halfWidth = /[\u4e00-\u9fff][:()]|[:()][\u4e00-\u9fff]/;
		expect(Object.entries(zh).filter(([, text]) => halfWidth.test(text))).toEqual([]);
	});

	it('[i18n:compiled] the compiled messages carry the catalogue (the build loads its plugin)', async () => {
		const { m } = await import('$lib/paraglide/messages.js');
		expect(m.app_name({}, { locale: 'zh' })).toBe(zh.app_name);
		expect(m.app_name({}, { locale: 'en' })).toBe(en.app_name);
	}, 30_000); // importing every compiled message module is slow on a busy machine
});
