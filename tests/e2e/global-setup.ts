import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { readConfig } from '../../server/config';
import { startYishi, type RequestHandler, type Yishi } from '../../server/app';
import {
	E2E_CLAIMS_DIR,
	E2E_MEETINGS,
	E2E_PEOPLE,
	E2E_STATE_FILE,
	FRESH_MEETINGS_PER_COUNCIL,
	INVITES_PER_PERSON,
	type E2ECouncil,
	type E2EMeeting,
	type E2EPerson,
	type E2EPersonState,
	type E2EState
} from './state';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts the production build in this (Playwright's main) process on a free port with a fresh
 * database and the demo councils, writes the state file for the tests, and returns the teardown.
 * With DATABASE_URL set, the database is a new one on that server, dropped afterwards.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
	const handlerFile = join(root, 'build', 'handler.js');
	if (!existsSync(handlerFile))
		throw new Error('No build/handler.js: run `npm run build` before the e2e tests.');

	const port = await freePort();
	const origin = `http://localhost:${port}`;
	// adapter-node reads ORIGIN when its handler is first imported; form posts are checked against it.
	process.env.ORIGIN = origin;
	const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: RequestHandler };

	const dataDir = mkdtempSync(join(tmpdir(), 'yishi-e2e-'));
	const database = process.env.DATABASE_URL ? await createServerDatabase(process.env.DATABASE_URL) : null;
	let app: Yishi;
	try {
		const config = readConfig({
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			YISHI_DEMO: '1',
			YISHI_LOG: process.env.YISHI_E2E_LOG === 'info' ? 'info' : 'silent',
			...(database ? { DATABASE_URL: database.url } : {})
		});
		app = await startYishi({ config, handler });
	} catch (error) {
		await database?.drop();
		rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}

	const invited = await invitePeople(app);
	const state: E2EState = {
		baseURL: origin,
		databaseKind: app.ctx.db.kind,
		...invited,
		...(await scheduleMeetings(app, invited.councils))
	};
	mkdirSync(dirname(E2E_STATE_FILE), { recursive: true });
	writeFileSync(E2E_STATE_FILE, JSON.stringify(state, null, '\t'));
	rmSync(E2E_CLAIMS_DIR, { recursive: true, force: true });
	mkdirSync(E2E_CLAIMS_DIR, { recursive: true });

	return async () => {
		await app.close();
		await database?.drop();
		rmSync(dataDir, { recursive: true, force: true });
	};
}

interface MembershipRow {
	councilId: string;
	slug: string;
	nameZh: string;
	nameEn: string;
	memberId: string;
	userId: string;
	name: string;
	role: string;
}

/** Looks up the seeded demo people and has each council's moderator invite them, several times over. */
async function invitePeople(app: Yishi): Promise<Pick<E2EState, 'councils' | 'people'>> {
	const rows = await app.ctx.db.sql<MembershipRow[]>`
		select c.id as council_id, c.slug, c.name_zh, c.name_en,
			m.id as member_id, m.user_id, coalesce(u.name, '') as name, m.role
		from council_member m
		join council c on c.id = m.council_id
		join users u on u.id = m.user_id
		where m.revoked_at is null`;

	const councils: Record<string, E2ECouncil> = {};
	for (const r of rows)
		councils[r.slug] = { id: r.councilId, slug: r.slug, nameZh: r.nameZh, nameEn: r.nameEn };

	const people = {} as Record<E2EPerson, E2EPersonState>;
	for (const [person, wanted] of Object.entries(E2E_PEOPLE) as [
		E2EPerson,
		(typeof E2E_PEOPLE)[E2EPerson]
	][]) {
		const row = rows.find((r) => r.slug === wanted.council && r.name === wanted.name);
		const moderator = rows.find((r) => r.slug === wanted.council && r.role === 'moderator');
		if (!row || !moderator)
			throw new Error(`Demo data has no ${wanted.name} (or no moderator) in ${wanted.council}`);
		const invites: string[] = [];
		for (let i = 0; i < INVITES_PER_PERSON; i++) {
			const created = await app.ctx.services.invites.create(moderator.userId, row.councilId, row.memberId);
			if (!created.ok) throw new Error(`Cannot invite ${wanted.name}: ${JSON.stringify(created)}`);
			invites.push(created.value.url);
		}
		people[person] = {
			name: row.name,
			userId: row.userId,
			memberId: row.memberId,
			role: row.role,
			councilId: row.councilId,
			councilSlug: row.slug,
			invites
		};
	}
	return { councils, people };
}

/**
 * Finds each council's seeded demo meeting and, as its moderator, saves that meeting's agenda as a
 * template and schedules a monthly series after it with that template: meetings like the demo one
 * that tests may open and adjourn (which happens once per meeting, for good).
 */
async function scheduleMeetings(
	app: Yishi,
	councils: Record<string, E2ECouncil>
): Promise<Pick<E2EState, 'meetings' | 'freshMeetings'>> {
	const meetings = {} as Record<E2EMeeting, string>;
	const freshMeetings = {} as Record<E2EMeeting, string[]>;
	for (const [key, slug] of Object.entries(E2E_MEETINGS) as [E2EMeeting, string][]) {
		const council = councils[slug];
		if (!council) throw new Error(`Demo data has no council ${slug}`);
		const [demo] = await app.ctx.db.sql<
			{
				id: string;
				titleZh: string;
				titleEn: string;
				startsAt: Date;
				plannedMinutes: number;
				location: string;
			}[]
		>`
			select id, title_zh, title_en, starts_at, planned_minutes, location
			from meeting where council_id = ${council.id} and starts_at > now() order by starts_at limit 1`;
		const [moderator] = await app.ctx.db.sql<{ userId: string }[]>`
			select user_id from council_member
			where council_id = ${council.id} and role = 'moderator' and revoked_at is null limit 1`;
		if (!demo || !moderator) throw new Error(`Demo data has no meeting (or no moderator) in ${slug}`);

		const templateName = `${demo.titleZh} · e2e`;
		const saved = await app.ctx.services.schedule.saveTemplate(moderator.userId, demo.id, templateName);
		const templates = await app.ctx.services.schedule.templates(moderator.userId, council.id);
		const template = templates.ok ? templates.value.find((t) => t.name === templateName) : undefined;
		if (!saved.ok || !template)
			throw new Error(`Cannot save the agenda of ${slug}'s demo meeting as a template`);

		// The same day of the month and time of day (China Standard Time), from the next month on.
		const local = new Date(new Date(demo.startsAt).getTime() + 8 * 3_600_000);
		const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()));
		const scheduled = await app.ctx.services.schedule.schedule(
			moderator.userId,
			council.id,
			{
				titleZh: demo.titleZh,
				titleEn: demo.titleEn,
				date: first.toISOString().slice(0, 10),
				time: local.toISOString().slice(11, 16),
				plannedMinutes: demo.plannedMinutes,
				location: demo.location,
				onlineUrl: null,
				frequency: 'monthly',
				count: FRESH_MEETINGS_PER_COUNCIL,
				template: template.id
			},
			'zh'
		);
		if (!scheduled.ok || scheduled.value.length !== FRESH_MEETINGS_PER_COUNCIL)
			throw new Error(`Cannot schedule meetings for ${slug}: ${JSON.stringify(scheduled)}`);
		meetings[key] = demo.id;
		freshMeetings[key] = scheduled.value;
	}
	return { meetings, freshMeetings };
}

/** A new, empty database on the DATABASE_URL server, so e2e runs never see each other's data. */
async function createServerDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `yishi_e2e_${randomBytes(6).toString('hex')}`;
	const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	const sql = admin();
	try {
		await sql.unsafe(`create database ${name}`);
	} finally {
		await sql.end({ timeout: 5 });
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		async drop() {
			const sql = admin();
			try {
				await sql.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await sql.end({ timeout: 5 });
			}
		}
	};
}

function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolvePort(port));
		});
	});
}
