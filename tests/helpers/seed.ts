import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/lib/domain/council/role';
import type { CouncilInput, NewMemberInput } from '../../src/lib/protocol/council.schema';
import type { Pool } from '../../src/lib/server/db/database';
import type { AppContext } from '../../src/lib/server/context';
import { createServices, type Services } from '../../src/lib/server/services';
import { createDomainEvents, type DomainEvents } from '../../src/lib/server/services/domain-events';
import type { CouncilRow } from '../../src/lib/server/repositories/council.repository';
import { meetingRepository, type MeetingRow } from '../../src/lib/server/repositories/meeting.repository';
import { memberRepository } from '../../src/lib/server/repositories/member.repository';
import { userRepository, type UserRow } from '../../src/lib/server/repositories/user.repository';

/** What the factories write through: the real services over a database. */
export interface Seedable {
	sql: Pool;
	services: Services;
}

export const fromContext = (ctx: AppContext): Seedable => ({ sql: ctx.db.sql, services: ctx.services });

/** A clock the test moves by hand, for the services' `now` dependency. */
export function testClock(start = new Date('2026-11-23T02:00:00.000Z')) {
	let current = start.getTime();
	return {
		now: () => new Date(current),
		set: (at: Date) => void (current = at.getTime()),
		advance: (ms: number) => void (current += ms)
	};
}

/** The services exactly as the server composes them, for tests that need no transport. */
export function servicesOver(
	sql: Pool,
	now: () => Date = () => new Date()
): Seedable & { events: DomainEvents } {
	const events = createDomainEvents();
	return { sql, events, services: createServices({ sql, now, origin: 'http://yishi.test', events }) };
}

const unique = () => randomBytes(4).toString('hex');

export function createUser(t: Seedable, o: { name?: string; email?: string | null } = {}): Promise<UserRow> {
	const tag = unique();
	return userRepository(t.sql).create({
		name: o.name ?? `居民 ${tag}`,
		email: o.email === undefined ? `resident-${tag}@example.test` : o.email
	});
}

export function createCouncil(
	t: Seedable,
	founderId: string,
	o: Partial<CouncilInput> = {}
): Promise<CouncilRow> {
	const tag = unique();
	return t.services.councils.create(founderId, {
		nameZh: `测试议事会 ${tag}`,
		nameEn: `Test Council ${tag}`,
		descriptionZh: '',
		descriptionEn: '',
		kind: 'residents-council',
		...o
	});
}

export interface SeededMember {
	memberId: string;
	userId: string;
}

/** Adds a person through the member service, acting as `actorId` (who must be a moderator). */
export async function addMember(
	t: Seedable,
	actorId: string,
	councilId: string,
	o: Partial<NewMemberInput> & { role: Role }
): Promise<SeededMember> {
	const tag = unique();
	const result = await t.services.members.add(actorId, councilId, {
		name: `成员 ${tag}`,
		email: `member-${tag}@example.test`,
		voteWeight: 1,
		constituency: null,
		organisation: null,
		...o
	});
	if (!result.ok) throw new Error(`seed: cannot add member: ${result.error.code}`);
	const row = await memberRepository(t.sql).findById(result.value);
	return { memberId: result.value, userId: row!.userId };
}

/** A council founded by a new moderator, with one new person in each of the given roles. */
export async function seedCouncil(t: Seedable, roles: readonly Role[] = []) {
	const founder = await createUser(t);
	const council = await createCouncil(t, founder.id);
	const founderMember = await memberRepository(t.sql).find(council.id, founder.id);
	const members: SeededMember[] = [];
	for (const role of roles) members.push(await addMember(t, founder.id, council.id, { role }));
	return {
		council,
		moderator: { memberId: founderMember!.id, userId: founder.id },
		members
	};
}

/** A meeting of the council, a week after `now`, inserted directly (scheduling has no service yet). */
export function createMeeting(
	t: Pick<Seedable, 'sql'>,
	councilId: string,
	now = new Date()
): Promise<MeetingRow> {
	return meetingRepository(t.sql).insert({
		councilId,
		titleZh: '测试会议',
		titleEn: 'Test meeting',
		startsAt: new Date(now.getTime() + 7 * 86_400_000),
		plannedMinutes: 90,
		location: null,
		onlineUrl: null,
		createdBy: null
	});
}
