import { describe, expect, it } from 'vitest';
import type { MeetingErrorCode } from '$lib/domain/meeting/meeting-command';
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

	it('[vote:refusal] anything else falls back to the server’s message', () => {
		expect(refusalText({ code: 'seq-conflict', message: 'The meeting stayed busy.' })).toContain(
			'The meeting stayed busy.'
		);
	});
});
