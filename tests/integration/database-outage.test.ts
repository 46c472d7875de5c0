import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommandId, seedMeeting } from '../helpers/meeting-client';
import { fromContext, type Seedable } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Connections can be cut only on a database server; the embedded one is this process.
describe.runIf(!!process.env.DATABASE_URL)('every connection to the database cut at once', () => {
	let server: TestServer;
	let t: Seedable;
	beforeAll(async () => {
		server = await startTestServer({});
		t = fromContext(server.ctx);
	});
	afterAll(() => server?.close());

	it('[db:connections-cut] the server goes on (no unhandled error), its next commands are decided and stored, and it still stops', async () => {
		const m = await seedMeeting(
			t,
			Array.from({ length: 40 }, () => 'member' as const)
		);
		const rooms = server.ctx.services.meetingRooms;
		const open = await rooms.command(m.moderator.userId, m.meetingId, newCommandId(), {
			type: 'meeting:open'
		});
		expect(open.ok).toBe(true);

		// What a database restart does to every client: the app's pool, the socket.io adapter's
		// LISTEN connection and the membership relay's all lose their connections.
		const admin = await t.sql.reserve();
		const [cut] = await admin<{ n: number }[]>`
			select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
			where datname = current_database() and pid <> pg_backend_pid()`;
		admin.release();
		expect(cut!.n).toBeGreaterThan(2);

		// As a screen does: a command refused as unavailable (or failing) is sent again under its id.
		const answers = await Promise.all(
			m.members.map(async (member) => {
				const commandId = newCommandId();
				const command = { type: 'attendance:check-in', memberId: member.memberId, mode: 'remote' } as const;
				for (let attempt = 1; ; attempt++) {
					const answer = await rooms
						.command(member.userId, m.meetingId, commandId, command)
						.catch(() => null);
					if (answer?.ok || attempt === 5) return answer;
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
			})
		);
		expect(answers.every((a) => a?.ok)).toBe(true);
		const [stored] = await t.sql<{ n: number }[]>`
			select count(*)::int as n from meeting_event where meeting_id = ${m.meetingId} and type = 'attendance:check-in'`;
		expect(stored!.n).toBe(m.members.length);
	});
});
