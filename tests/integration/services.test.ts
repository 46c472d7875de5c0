import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITE_VALID_DAYS } from '../../src/lib/domain/council/invite';
import { createServices } from '../../src/lib/server/services';
import { createDomainEvents, type DomainEventMap } from '../../src/lib/server/services/domain-events';
import { SESSION_DAYS } from '../../src/lib/server/services/session.service';
import {
	addMember,
	createCouncil,
	createUser,
	seedCouncil,
	servicesOver,
	testClock,
	type Seedable
} from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

const DAY = 86_400_000;
const clock = testClock();
let db: TestDatabase;
let t: ReturnType<typeof servicesOver>;
let revocations: DomainEventMap['membership:revoked'][] = [];

beforeAll(async () => {
	db = await freshDatabase();
	t = servicesOver(db.sql, clock.now);
	t.events.on('membership:revoked', (e) => revocations.push(e));
});
afterAll(() => db?.close());

const memberFields = { voteWeight: 1, constituency: null, organisation: null };
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/invite/') + '/invite/'.length);

describe('councils', () => {
	it('[council:founder] whoever founds a council becomes its first moderator', async () => {
		const founder = await createUser(t);
		const council = await createCouncil(t, founder.id, { nameEn: 'Yisheng Garden Council' });

		expect(council.slug).toMatch(/^yisheng-garden-council-[0-9a-f]{6}$/);
		expect(await t.services.councils.roleOf(founder.id, council.id)).toBe('moderator');
		const view = await t.services.councils.view(founder.id, council.id);
		expect(view).toMatchObject({ ok: true, value: { role: 'moderator', council: { id: council.id } } });
		const mine = await t.services.councils.listMine(founder.id);
		expect(mine).toEqual([expect.objectContaining({ id: council.id, role: 'moderator', memberCount: 1 })]);
	});

	it('[council:not-found] someone outside a council cannot tell it exists', async () => {
		const { council } = await seedCouncil(t);
		const outsider = await createUser(t);
		expect(await t.services.councils.view(outsider.id, council.id)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		const nonexistent = '00000000-0000-4000-8000-000000000000';
		expect(await t.services.councils.view(outsider.id, nonexistent)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
	});

	it('[council:edit] only a moderator may edit the council', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const input = {
			nameZh: '新名字',
			nameEn: 'New name',
			descriptionZh: '',
			descriptionEn: '',
			kind: 'other' as const
		};
		expect(await t.services.councils.update(members[0]!.userId, council.id, input)).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		expect(await t.services.councils.update(moderator.userId, council.id, input)).toMatchObject({
			ok: true,
			value: { nameZh: '新名字' }
		});
	});
});

describe('members', () => {
	it('[member:one-person] the same email in two councils is one person, with a role in each', async () => {
		const a = await seedCouncil(t);
		const b = await seedCouncil(t);
		const email = `liu.jianguo.${randomBytes(3).toString('hex')}@example.test`;

		const inA = await addMember(t, a.moderator.userId, a.council.id, {
			role: 'clerk',
			name: '刘建国',
			email
		});
		const inB = await addMember(t, b.moderator.userId, b.council.id, {
			role: 'member',
			name: '刘建国',
			email: email.toUpperCase()
		});

		expect(inB.userId).toBe(inA.userId);
		expect(inB.memberId).not.toBe(inA.memberId);
		expect(await t.services.councils.roleOf(inA.userId, a.council.id)).toBe('clerk');
		expect(await t.services.councils.roleOf(inA.userId, b.council.id)).toBe('member');
		const mine = await t.services.councils.listMine(inA.userId);
		expect(mine.map((c) => c.role).sort()).toEqual(['clerk', 'member']);
	});

	it('[member:one-person] a person already in the council cannot be added again', async () => {
		const { council, moderator } = await seedCouncil(t);
		const email = `twice-${randomBytes(3).toString('hex')}@example.test`;
		await addMember(t, moderator.userId, council.id, { role: 'member', email });
		const again = await t.services.members.add(moderator.userId, council.id, {
			...memberFields,
			name: 'Again',
			email,
			role: 'clerk'
		});
		expect(again).toMatchObject({ ok: false, error: { code: 'already-member' } });
	});

	it('[member:update] a moderator changes a member’s role and vote weight', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const target = members[0]!;
		const result = await t.services.members.update(moderator.userId, council.id, target.memberId, {
			role: 'representative',
			voteWeight: 96.255,
			constituency: '光谷未来城',
			organisation: '业委会'
		});
		expect(result).toEqual({ ok: true, value: true });
		const list = await t.services.members.list(moderator.userId, council.id);
		const row = list.ok ? list.value.members.find((m) => m.id === target.memberId) : undefined;
		expect(row).toMatchObject({
			role: 'representative',
			voteWeight: 96.26,
			constituency: '光谷未来城',
			organisation: '业委会'
		});
	});

	it('[member:revoke] revoking takes effect at once and is announced', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const target = members[0]!;
		expect((await t.services.councils.view(target.userId, council.id)).ok).toBe(true);
		revocations = [];

		expect(await t.services.members.revoke(moderator.userId, council.id, target.memberId)).toEqual({
			ok: true,
			value: true
		});

		expect(await t.services.councils.view(target.userId, council.id)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect(await t.services.members.list(target.userId, council.id)).toMatchObject({
			ok: false,
			error: { code: 'not-found' }
		});
		expect(await t.services.councils.listMine(target.userId)).toEqual([]);
		expect(revocations).toEqual([{ councilId: council.id, userId: target.userId }]);
	});

	it('[member:revoke] the record keeps a revoked member for moderators, and restoring lets them back in', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member', 'member']);
		const [gone, stays] = members as [(typeof members)[0], (typeof members)[0]];
		await t.services.members.revoke(moderator.userId, council.id, gone.memberId);

		const forModerator = await t.services.members.list(moderator.userId, council.id);
		expect(
			forModerator.ok && forModerator.value.members.find((m) => m.id === gone.memberId)?.revokedAt
		).toBeInstanceOf(Date);
		const forMember = await t.services.members.list(stays.userId, council.id);
		expect(forMember.ok && forMember.value.members.map((m) => m.id)).not.toContain(gone.memberId);

		expect(await t.services.members.restore(moderator.userId, council.id, gone.memberId)).toEqual({
			ok: true,
			value: true
		});
		expect(await t.services.councils.roleOf(gone.userId, council.id)).toBe('member');
	});

	it('[member:notice] a revocation whose notice to other instances cannot be sent does not happen', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member']);
		const target = members[0]!;
		const events = createDomainEvents();
		const heard: unknown[] = [];
		events.on('membership:revoked', (e) => heard.push(e));
		const unannounceable = createServices({
			sql: db.sql,
			now: clock.now,
			origin: 'http://yishi.test',
			events,
			noticeMembership: async () => {
				throw new Error('notice refused');
			}
		});

		await expect(
			unannounceable.members.revoke(moderator.userId, council.id, target.memberId)
		).rejects.toThrow('notice refused');
		expect(await t.services.councils.roleOf(target.userId, council.id)).toBe('member');
		expect(heard).toEqual([]);
	});

	it('[member:last-moderator] the last active moderator can be neither revoked nor demoted', async () => {
		const { council, moderator } = await seedCouncil(t, ['member']);
		expect(await t.services.members.revoke(moderator.userId, council.id, moderator.memberId)).toMatchObject({
			ok: false,
			error: { code: 'last-moderator' }
		});
		expect(
			await t.services.members.update(moderator.userId, council.id, moderator.memberId, {
				...memberFields,
				role: 'member'
			})
		).toMatchObject({ ok: false, error: { code: 'last-moderator' } });
		expect(await t.services.councils.roleOf(moderator.userId, council.id)).toBe('moderator');
	});

	it('[member:last-moderator] with a second moderator, the first may step down', async () => {
		const { council, moderator } = await seedCouncil(t, ['moderator']);
		const stepDown = await t.services.members.update(moderator.userId, council.id, moderator.memberId, {
			...memberFields,
			role: 'member'
		});
		expect(stepDown).toEqual({ ok: true, value: true });
		expect(await t.services.councils.roleOf(moderator.userId, council.id)).toBe('member');
	});

	it('[member:manage] members other than moderators may not manage members', async () => {
		const { council, members } = await seedCouncil(t, ['member', 'clerk', 'representative', 'observer']);
		const target = members[0]!;
		for (const actor of members) {
			const forbidden = { ok: false, error: { code: 'forbidden' } };
			expect(
				await t.services.members.add(actor.userId, council.id, {
					...memberFields,
					name: 'X',
					email: null,
					role: 'member'
				})
			).toMatchObject(forbidden);
			expect(
				await t.services.members.update(actor.userId, council.id, target.memberId, {
					...memberFields,
					role: 'observer'
				})
			).toMatchObject(forbidden);
			expect(await t.services.members.revoke(actor.userId, council.id, target.memberId)).toMatchObject(
				forbidden
			);
			expect(await t.services.invites.create(actor.userId, council.id, target.memberId)).toMatchObject(
				forbidden
			);
		}
	});

	it('[member:manage] someone outside the council gets not-found, and so does a member id of another council', async () => {
		const { council, members } = await seedCouncil(t, ['member']);
		const other = await seedCouncil(t, ['member']);
		const outsider = await createUser(t);
		const notFound = { ok: false, error: { code: 'not-found' } };
		expect(
			await t.services.members.add(outsider.id, council.id, {
				...memberFields,
				name: 'X',
				email: null,
				role: 'member'
			})
		).toMatchObject(notFound);
		expect(await t.services.members.revoke(outsider.id, council.id, members[0]!.memberId)).toMatchObject(
			notFound
		);
		// A moderator of the other council cannot reach into this one through its member ids.
		expect(
			await t.services.members.revoke(other.moderator.userId, other.council.id, members[0]!.memberId)
		).toMatchObject(notFound);
		expect(await t.services.councils.roleOf(members[0]!.userId, council.id)).toBe('member');
	});

	it('[member:contacts] only moderators and clerks see email addresses', async () => {
		const { council, moderator, members } = await seedCouncil(t, ['member', 'clerk']);
		const emails = async (userId: string) => {
			const list = await t.services.members.list(userId, council.id);
			if (!list.ok) throw new Error(list.error.code);
			return list.value.members.map((m) => m.email);
		};
		expect((await emails(moderator.userId)).every((e) => e !== null)).toBe(true);
		expect((await emails(members[1]!.userId)).every((e) => e !== null)).toBe(true);
		expect(await emails(members[0]!.userId)).toEqual([null, null, null]);
	});
});

describe('invite link', () => {
	async function invited(role: 'member' | 'observer' = 'member') {
		const seeded = await seedCouncil(t, [role]);
		const invitee = seeded.members[0]!;
		const created = await t.services.invites.create(
			seeded.moderator.userId,
			seeded.council.id,
			invitee.memberId
		);
		if (!created.ok) throw new Error(created.error.code);
		return {
			...seeded,
			invitee,
			url: created.value.url,
			token: tokenOf(created.value.url),
			expiresAt: created.value.expiresAt
		};
	}

	it('[invite:redeem] preview names the council, and redeeming signs the member in', async () => {
		const { council, invitee, url, token, expiresAt } = await invited();
		expect(url.startsWith('http://yishi.test/invite/')).toBe(true);
		expect(expiresAt.getTime()).toBe(clock.now().getTime() + INVITE_VALID_DAYS * DAY);

		expect(await t.services.invites.preview(token)).toMatchObject({
			ok: true,
			value: { councilId: council.id, councilNameZh: council.nameZh, councilNameEn: council.nameEn }
		});
		const redeemed = await t.services.invites.redeem(token);
		expect(redeemed).toMatchObject({ ok: true, value: { councilId: council.id } });
		if (!redeemed.ok) return;
		expect(await t.services.sessions.resolve(redeemed.value.sessionToken)).toMatchObject({
			id: invitee.userId
		});
	});

	it('[invite:single-use] a second redeem is refused as invite-used', async () => {
		const { token } = await invited();
		expect((await t.services.invites.redeem(token)).ok).toBe(true);
		expect(await t.services.invites.redeem(token)).toMatchObject({
			ok: false,
			error: { code: 'invite-used' }
		});
		expect(await t.services.invites.preview(token)).toMatchObject({
			ok: false,
			error: { code: 'invite-used' }
		});
	});

	it('[invite:single-use] redeeming twice at once opens exactly one session', async () => {
		const { token } = await invited();
		const results = await Promise.all([t.services.invites.redeem(token), t.services.invites.redeem(token)]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok && r.error.code === 'invite-used')).toHaveLength(1);
	});

	it('[invite:expiry] an invite works until its expiry instant and not from then on', async () => {
		const start = clock.now();
		try {
			const { token, expiresAt } = await invited();
			clock.set(new Date(expiresAt.getTime() - 1));
			expect((await t.services.invites.preview(token)).ok).toBe(true);
			clock.set(expiresAt);
			expect(await t.services.invites.preview(token)).toMatchObject({
				ok: false,
				error: { code: 'invite-expired' }
			});
			expect(await t.services.invites.redeem(token)).toMatchObject({
				ok: false,
				error: { code: 'invite-expired' }
			});
		} finally {
			clock.set(start);
		}
	});

	it('[invite:invalid] forged and malformed tokens are invalid', async () => {
		const { token } = await invited();
		const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
		const forged = randomBytes(32).toString('base64url');
		for (const bad of [
			flipped,
			forged,
			'abc',
			'',
			`${token}x`,
			token.replace(/./, '%'),
			'../../etc/passwd'
		]) {
			expect(await t.services.invites.preview(bad), bad).toMatchObject({
				ok: false,
				error: { code: 'invite-invalid' }
			});
			expect(await t.services.invites.redeem(bad), bad).toMatchObject({
				ok: false,
				error: { code: 'invite-invalid' }
			});
		}
		expect((await t.services.invites.preview(token)).ok).toBe(true);
	});

	it('[invite:revoked] the invite of a member revoked since is refused as access-revoked', async () => {
		const { council, moderator, invitee, token } = await invited();
		await t.services.members.revoke(moderator.userId, council.id, invitee.memberId);
		expect(await t.services.invites.preview(token)).toMatchObject({
			ok: false,
			error: { code: 'access-revoked' }
		});
		expect(await t.services.invites.redeem(token)).toMatchObject({
			ok: false,
			error: { code: 'access-revoked' }
		});
		expect(await t.services.invites.create(moderator.userId, council.id, invitee.memberId)).toMatchObject({
			ok: false,
			error: { code: 'access-revoked' }
		});
	});
});

describe('sessions', () => {
	it('[session:expiry] a session lasts its term and ends when signed out', async () => {
		const start = clock.now();
		try {
			const user = await createUser(t as Seedable);
			const a = await t.services.sessions.start(user.id);
			const b = await t.services.sessions.start(user.id);
			expect(await t.services.sessions.resolve(a.sessionToken)).toMatchObject({ id: user.id });

			await t.services.sessions.end(a.sessionToken);
			expect(await t.services.sessions.resolve(a.sessionToken)).toBeNull();
			expect(await t.services.sessions.resolve(b.sessionToken)).toMatchObject({ id: user.id });

			clock.set(new Date(start.getTime() + SESSION_DAYS * DAY));
			expect(await t.services.sessions.resolve(b.sessionToken)).toBeNull();
			expect(await t.services.sessions.resolve(undefined)).toBeNull();
			expect(await t.services.sessions.resolve('not-a-session')).toBeNull();
		} finally {
			clock.set(start);
		}
	});
});
