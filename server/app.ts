import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { connectServer, openEmbedded, type Database } from '../src/lib/server/db/database';
import { warmUp } from '../src/lib/server/db/warm-up';
import { warmUpLog } from '../src/lib/server/repositories/event-log.repository';
import { warmUpBallotBox } from '../src/lib/server/repositories/ballot-box.repository';
import { migrate } from '../src/lib/server/db/migrate';
import { setAppContext, type AppContext } from '../src/lib/server/context';
import { buildAuthConfig } from '../src/lib/server/auth/auth-config';
import { createServices } from '../src/lib/server/services';
import { createDomainEvents } from '../src/lib/server/services/domain-events';
import type { ServiceDeps } from '../src/lib/server/services/deps';
import { membershipNotices } from '../src/lib/server/services/membership-notice';
import { relayMembership } from './membership-relay';
import { seedDemo } from '../src/lib/server/services/demo-seed';
import { seedDemoHistory } from '../src/lib/server/services/demo-history';
import { settingRepository } from '../src/lib/server/repositories/setting.repository';
import { attachSocketServer, type YishiIo } from './realtime/socket-server';
import { createCollabEndpoint } from './collab/collab-server';
import { attachClusterAdapter } from './realtime/cluster';
import { tellMeetingHeads } from './realtime/meeting-heads';
import { networkAddresses } from './network-addresses';
import { createLogger } from './log';
import { createMailer } from '../src/lib/server/mail/mailer';
import { startReminderSchedule } from '../src/lib/server/services/follow-up-reminders';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface YishiOptions {
	config: Config;
	/** The SvelteKit handler (build/handler.js, or Vite's middlewares in dev); absent in socket-only tests. */
	handler?: RequestHandler;
	/** An already-open database (tests hand in a fresh PGlite clone). */
	database?: Database;
	now?: () => Date;
	/** In dev, Vite's HMR shares this server and owns its own upgrades; others are then left alone. */
	leaveUnknownUpgrades?: boolean;
	http?: Server;
}

export interface Yishi {
	url: string;
	ctx: AppContext;
	/** The socket.io server, for benchmarks and diagnostics (e.g. a bare broadcast as a baseline). */
	readonly io: YishiIo;
	close(): Promise<void>;
}

/** Composes the process: database, migrations, demo, services, then one port for HTTP, socket.io and Yjs. */
export async function startYishi(o: YishiOptions): Promise<Yishi> {
	const { config } = o;
	const log = createLogger(config.logLevel);
	const db =
		o.database ??
		(config.databaseUrl ? await connectServer(config.databaseUrl) : await openEmbedded(config.dataDir));
	const applied = await migrate(db.sql);
	if (applied.length) log.info(`database (${db.kind}): applied migrations ${applied.join(', ')}`);
	await warmUp(db.sql, [warmUpLog, warmUpBallotBox]);
	const now = o.now ?? (() => new Date());
	if (config.demo && (await seedDemo(db.sql, now()))) {
		await seedDemoHistory(db.sql, config.origin);
		log.info('demo councils seeded, with the Jinghu association’s meetings of May–July 2019');
	}

	const secret =
		config.authSecret ??
		(await settingRepository(db.sql).getOrInit('auth_secret', randomBytes(32).toString('base64url')));
	const secureCookies = config.origin.startsWith('https://');
	// Only a server database has other instances to tell and hear from.
	const instance = randomUUID();
	const deps: ServiceDeps = {
		sql: db.sql,
		now,
		origin: config.origin,
		events: createDomainEvents(),
		...(db.kind === 'server' ? { noticeMembership: membershipNotices(instance) } : {})
	};
	const ctx: AppContext = {
		settings: {
			origin: config.origin,
			demoSignIn: config.demoSignIn,
			emailDelivery: config.smtpUrl ? 'smtp' : 'log',
			databaseKind: db.kind,
			secureCookies
		},
		db,
		deps,
		services: createServices(deps),
		authConfig: buildAuthConfig({
			sql: db.sql,
			secret,
			smtpUrl: config.smtpUrl,
			mailFrom: config.mailFrom,
			secureCookies,
			log: (line) => log.info(line)
		})
	};
	setAppContext(ctx);

	const http = o.http ?? createServer();
	const { io, stopAnnouncing } = attachSocketServer(http, ctx, log);
	const membershipRelay = db.kind === 'server' ? relayMembership(db.sql, deps.events, log, instance) : null;
	await membershipRelay?.ready;
	const cluster = config.databaseUrl
		? await attachClusterAdapter(io, config.databaseUrl, log, () => void tellMeetingHeads(io, ctx, log))
		: null;
	const collab = createCollabEndpoint(ctx, log);
	http.on('upgrade', (req, socket, head) => {
		if (collab.handles(req)) return collab.upgrade(req, socket, head);
		// socket.io answers its own path; anything else is not ours unless Vite (dev) wants it.
		if (!(req.url ?? '').startsWith('/socket.io/') && !o.leaveUnknownUpgrades) socket.destroy();
	});
	const handler = o.handler ?? ((_req, res) => res.writeHead(404).end('Not found'));
	http.on('request', (req, res) => handler(req, res, () => res.writeHead(404).end('Not found')));

	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(config.port, config.host, () => resolve());
	});
	const port = (http.address() as AddressInfo).port;
	log.info(`Yishi 议事 listening on http://localhost:${port} (database: ${db.kind})`);
	const nearby = config.followsHost ? networkAddresses(config.host, port) : [];
	if (nearby.length > 0) log.info(`on this network also at ${nearby.join(', ')}`);
	const { smtpUrl, mailFrom } = config;
	const mailer = createMailer({ smtpUrl, mailFrom, log: (line) => log.info(line) });
	const reminders = startReminderSchedule({
		sql: db.sql,
		now,
		origin: config.origin,
		mailer,
		log: log.error
	});

	return {
		url: `http://127.0.0.1:${port}`,
		ctx,
		io,
		async close() {
			await reminders.stop();
			await membershipRelay?.close();
			await collab.close();
			stopAnnouncing();
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await cluster?.close();
			http.closeAllConnections();
			setAppContext(undefined);
			if (!o.database) await db.close();
		}
	};
}
