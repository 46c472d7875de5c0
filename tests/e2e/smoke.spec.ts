import { E2E_PEOPLE, expect, test } from './fixtures';
import { INVITES_PER_PERSON } from './state';

test('the built app answers on its root page', async ({ request }) => {
	const response = await request.get('/');
	expect(response.status()).toBeLessThan(500);
});

test('global setup left fresh invites for every e2e person', async ({ e2e }) => {
	expect(Object.keys(e2e.people).sort()).toEqual(Object.keys(E2E_PEOPLE).sort());
	for (const person of Object.values(e2e.people)) {
		expect(person.invites).toHaveLength(INVITES_PER_PERSON);
		for (const url of person.invites) expect(url.startsWith(`${e2e.baseURL}/invite/`)).toBe(true);
	}
	expect(e2e.people.moderator.role).toBe('moderator');
	expect(e2e.people.moderator.councilId).toBe(e2e.councils['pepsi-council']?.id);
});
