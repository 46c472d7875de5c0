import { describe, expect, it } from 'vitest';
import { MeetingErrorCode } from '$lib/domain/meeting/meeting-command';
import { ErrorCode } from '$lib/protocol/errors';
import { refusalText } from './refusal';

/** The refusals a voter or the moderator meets while voting. */
const VOTING_REFUSALS: MeetingErrorCode[] = [
	'no-quorum',
	'second-required',
	'amendment-pending',
	'already-voted',
	'counted-by-hand',
	'proxy-lapsed',
	'not-eligible',
	'recused',
	'vote-closed',
	'vote-not-open',
	'motion-not-open',
	'invalid-choice',
	'unknown-receipt',
	'hand-count-needs-roll-call',
	'not-present',
	'forbidden'
];

describe('refusals in words', () => {
	it('[vote:refusal] every voting refusal has its own sentence rather than the server’s English message', () => {
		const texts = VOTING_REFUSALS.map((code) => refusalText({ code, message: 'server says no' }));
		for (const text of texts) expect(text).not.toContain('server says no');
		expect(new Set(texts).size).toBe(VOTING_REFUSALS.length);
	});

	it('[meeting:refusal] every meeting and protocol code has its own sentence in Chinese and in English', () => {
		const codes: ErrorCode[] = [...Object.values(MeetingErrorCode), ...Object.values(ErrorCode)];
		for (const code of codes) {
			const zh = refusalText({ code, message: 'server says no' }, 'zh');
			const en = refusalText({ code, message: 'server says no' }, 'en');
			expect(zh, code).not.toContain('server says no');
			expect(en, code).not.toContain('server says no');
			expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
			expect(en, code).toMatch(/^[\x20-\x7e’]+$/);
		}
	});

	it('[meeting:refusal] a council without proxies says so in the reader’s language', () => {
		const refusal = { code: 'proxies-not-allowed', message: 'This council does not allow proxies.' } as const;
		expect(refusalText(refusal, 'zh')).toBe('本议事会不允许委托代理。');
	});

	it('[vote:refusal] a code this client does not know yet falls back to the server’s message', () => {
		const unknown = { code: 'brand-new' as ErrorCode, message: 'The meeting stayed busy.' };
		expect(refusalText(unknown, 'en')).toContain('The meeting stayed busy.');
	});
});
