import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberRepository } from '../../src/lib/server/repositories/member.repository';
import { membershipReads } from '../../src/lib/server/services/membership-reads';
import { seedCouncil, servicesOver, type Seedable } from '../helpers/seed';
import { freshDatabase, type TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let t: Seedable;

beforeAll(async () => {
	db = await freshDatabase();
	t = servicesOver(db.sql);
});
afterAll(() => db?.close());

/** The real repository's findMany, counting the queries it is asked for and their sizes. */
function countedReads() {
	const queries: number[] = [];
	const members = memberRepository(t.sql);
	const read = membershipReads((councilId, userIds) => {
		queries.push(userIds.length);
		return members.findMany(councilId, userIds);
	});
	return { read, queries };
}

describe('membership reads', () => {
	it('[member:batched-reads] a crowd asking at once is read in a few queries, each person getting their own membership', async () => {
		const seeded = await seedCouncil(
			t,
			Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 'observer' : 'member'))
		);
		const other = await seedCouncil(t, ['member']);
		const { read, queries } = countedReads();
		const people = [seeded.moderator, ...seeded.members];
		const stranger = randomUUID();
		const asked = [
			...people.map((p) => read(seeded.council.id, p.userId)),
			...people.map((p) => read(seeded.council.id, p.userId)),
			read(seeded.council.id, stranger),
			read(seeded.council.id, 'not-a-uuid'),
			read(other.council.id, other.members[0]!.userId),
			read(other.council.id, seeded.members[0]!.userId)
		];
		const answers = await Promise.all(asked);
		const n = people.length;
		expect(answers.slice(0, n).map((m) => m?.id)).toEqual(people.map((p) => p.memberId));
		expect(answers.slice(n, 2 * n).map((m) => m?.id)).toEqual(people.map((p) => p.memberId));
		expect(answers.slice(0, n).map((m) => m?.role)).toEqual([
			'moderator',
			...seeded.members.map((_, i) => (i % 4 === 0 ? 'observer' : 'member'))
		]);
		expect(answers.slice(2 * n)).toEqual([
			null,
			null,
			expect.objectContaining({ id: other.members[0]!.memberId }),
			null
		]);
		// One query per council for the whole crowd (asked within one turn of the event loop).
		expect(queries).toEqual([n + 1, 2]);
	});

	it('[member:batched-reads] people asking while a query runs go together in the next; a revoked membership reads as revoked', async () => {
		const seeded = await seedCouncil(t, ['member', 'member', 'member', 'member']);
		const [a, ...later] = seeded.members;
		const revoked = later.at(-1)!;
		await memberRepository(t.sql).setRevoked(revoked.memberId, seeded.moderator.userId);
		const members = memberRepository(t.sql);
		const queries: number[] = [];
		let release!: () => void;
		const firstHeld = new Promise<void>((resolve) => (release = resolve));
		const read = membershipReads(async (councilId, userIds) => {
			queries.push(userIds.length);
			if (queries.length === 1) await firstHeld;
			return members.findMany(councilId, userIds);
		});
		const tick = () => new Promise((resolve) => setImmediate(resolve));
		const first = read(seeded.council.id, a!.userId);
		const asked = [];
		// Each asks in a turn of its own, all while the first query is out.
		for (const p of later) {
			await tick();
			asked.push(read(seeded.council.id, p.userId));
		}
		await tick();
		release();
		expect((await first)?.id).toBe(a!.memberId);
		const answers = await Promise.all(asked);
		expect(answers.map((m) => m?.id)).toEqual(later.map((p) => p.memberId));
		expect(answers.at(-1)?.revokedAt).toBeInstanceOf(Date);
		expect(answers.slice(0, -1).map((m) => m?.revokedAt)).toEqual([null, null]);
		expect(queries).toEqual([1, 3]);
	});

	it('[member:batched-reads] a failed query fails only the reads it carried; the next ones are read afresh', async () => {
		const seeded = await seedCouncil(t, ['member']);
		const members = memberRepository(t.sql);
		let failNext = true;
		const read = membershipReads((councilId, userIds) => {
			if (!failNext) return members.findMany(councilId, userIds);
			failNext = false;
			return Promise.reject(new Error('connection lost'));
		});
		await expect(read(seeded.council.id, seeded.members[0]!.userId)).rejects.toThrow('connection lost');
		expect((await read(seeded.council.id, seeded.members[0]!.userId))?.id).toBe(seeded.members[0]!.memberId);
	});
});
