import { Uuid } from '../../protocol/council.schema';
import type { MemberRow } from '../repositories/member.repository';

interface Waiting {
	resolve: (member: MemberRow | null) => void;
	reject: (error: unknown) => void;
}

/**
 * Memberships read for many people at once: when a vote opens, a crowd's first ballots each need
 * the voter's membership, and one query per voter kept the meeting's first batch of ballots waiting
 * behind 2,000 queries. Reads asked for while a council's query runs go together in its next one,
 * so a crowd costs a handful of queries and a lone read one query, as before. `readMany` is
 * memberRepository's findMany.
 */
export function membershipReads(
	readMany: (councilId: string, userIds: readonly string[]) => Promise<MemberRow[]>
): (councilId: string, userId: string) => Promise<MemberRow | null> {
	const waiting = new Map<string, Map<string, Waiting[]>>();
	const reading = new Set<string>();
	const scheduled = new Set<string>();

	async function readFor(councilId: string) {
		const asked = waiting.get(councilId);
		if (!asked || asked.size === 0 || reading.has(councilId)) return;
		waiting.delete(councilId);
		reading.add(councilId);
		try {
			// An id that is no uuid is nobody's, and must not fail the others' query.
			const ids = [...asked.keys()].filter((id) => Uuid.safeParse(id).success);
			const rows = await readMany(councilId, ids);
			const byUser = new Map(rows.map((m) => [m.userId, m]));
			for (const [userId, ws] of asked) for (const w of ws) w.resolve(byUser.get(userId) ?? null);
		} catch (error) {
			for (const ws of asked.values()) for (const w of ws) w.reject(error);
		} finally {
			reading.delete(councilId);
			void readFor(councilId);
		}
	}

	return (councilId, userId) =>
		new Promise((resolve, reject) => {
			let asked = waiting.get(councilId);
			if (!asked) waiting.set(councilId, (asked = new Map()));
			const ws = asked.get(userId);
			if (ws) ws.push({ resolve, reject });
			else asked.set(userId, [{ resolve, reject }]);
			// After this turn of the event loop: the messages read in it ask together.
			if (reading.has(councilId) || scheduled.has(councilId)) return;
			scheduled.add(councilId);
			setImmediate(() => {
				scheduled.delete(councilId);
				void readFor(councilId);
			});
		});
}
