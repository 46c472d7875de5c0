import { describe, expect, it } from 'vitest';
import { presentPeople, TypingHeard, TYPING_MS, type PresentUser } from './presence';

const user = (id: string, name: string, typingAt: number): PresentUser => ({
	id,
	name,
	color: '#1d5fa8',
	typingAt
});
const states = (...entries: [number, PresentUser][]) =>
	new Map(entries.map(([clientId, u]) => [clientId, { user: u } as Record<string, unknown>]));
const typingNames = (people: ReturnType<typeof presentPeople>) =>
	people.filter((p) => p.typing).map((p) => p.name);

describe('document presence', () => {
	it('[document:presence] someone who just arrived is not typing, whatever their last keystroke says', () => {
		const heard = new TypingHeard();
		// Their clock is an hour ahead: by the sender's time they would be "typing" for an hour.
		const people = presentPeople(states([1, user('a', '陈静', 5_000 + 3_600_000)]), 5_000, heard);
		expect(people).toHaveLength(1);
		expect(typingNames(people)).toEqual([]);
	});

	it('[document:presence] a new keystroke counts as typing for TYPING_MS of this screen’s time, whatever their clock', () => {
		const heard = new TypingHeard();
		presentPeople(states([1, user('a', '陈静', 0)]), 1_000, heard);
		// Their clock is a day behind; what counts is that the value changed while we listened.
		const typed = states([1, user('a', '陈静', 1_000 - 86_400_000)]);
		expect(typingNames(presentPeople(typed, 2_000, heard))).toEqual(['陈静']);
		expect(typingNames(presentPeople(typed, 2_000 + TYPING_MS - 1, heard))).toEqual(['陈静']);
		expect(typingNames(presentPeople(typed, 2_000 + TYPING_MS, heard))).toEqual([]);
	});

	it('[document:presence] one person with two tabs is listed once, typing if either tab is', () => {
		const heard = new TypingHeard();
		presentPeople(states([1, user('a', '陈静', 0)], [2, user('a', '陈静', 0)]), 0, heard);
		const people = presentPeople(states([1, user('a', '陈静', 0)], [2, user('a', '陈静', 7)]), 100, heard);
		expect(people).toHaveLength(1);
		expect(typingNames(people)).toEqual(['陈静']);
	});

	it('[document:presence] a connection that left and came back is new again', () => {
		const heard = new TypingHeard();
		presentPeople(states([1, user('a', '陈静', 0)]), 0, heard);
		presentPeople(states(), 100, heard);
		expect(typingNames(presentPeople(states([1, user('a', '陈静', 9)]), 200, heard))).toEqual([]);
	});
});
