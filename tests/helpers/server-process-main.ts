import * as Y from 'yjs';
import { startYishi } from '../../server/app';
import { readConfig } from '../../server/config';
import { collabRepository } from '../../src/lib/server/repositories/collab.repository';
import { fromContext, seedCouncil } from './seed';
import { signIn } from './test-server';
import type { FromServerProcess, ToServerProcess } from './server-process';

/**
 * A Yishi server in a process of its own (started by server-process.ts), so that a test can kill
 * it with SIGKILL, or run two of them with their own y-websocket module state. It answers a few
 * requests over IPC that the test cannot do itself (PGlite is one process's alone).
 */
async function main() {
	const config = readConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		YISHI_LOG: process.env.YISHI_LOG ?? 'silent',
		YISHI_DEMO: '0',
		...(process.env.DATA_DIR ? { DATA_DIR: process.env.DATA_DIR } : {}),
		...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {})
	});
	const app = await startYishi({ config });
	const reply = (m: FromServerProcess) => process.send?.(m);

	process.on('message', (m: ToServerProcess) => {
		void (async () => {
			if (m.type === 'seed') {
				const { council, moderator, members } = await seedCouncil(fromContext(app.ctx), ['member']);
				reply({
					type: 'seeded',
					id: m.id,
					councilId: council.id,
					cookies: [await signIn(app.ctx, moderator.userId), await signIn(app.ctx, members[0]!.userId)]
				});
			} else if (m.type === 'stored') {
				const stored = await collabRepository(app.ctx.db.sql).load(m.room);
				const doc = new Y.Doc();
				if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
				for (const u of stored.updates) Y.applyUpdate(doc, u.update);
				reply({
					type: 'stored',
					id: m.id,
					text: doc.getText('pad').toString(),
					hasSnapshot: stored.snapshot !== null,
					updates: stored.updates.length
				});
			} else if (m.type === 'close') {
				await app.close();
				process.exit(0);
			}
		})().catch((error: unknown) => {
			console.error(error);
			process.exit(1);
		});
	});
	reply({ type: 'listening', url: app.url });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
