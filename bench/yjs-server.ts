import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { setupWSConnection } from '@y/websocket-server/utils';
import { startBenchApp } from './bench-app';
import { CouncilKind } from '../src/lib/domain/council/council-kind';
import { Role } from '../src/lib/domain/council/role';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { collabRepository } from '../src/lib/server/repositories/collab.repository';
import { memberRepository } from '../src/lib/server/repositories/member.repository';
import { userRepository } from '../src/lib/server/repositories/user.repository';
import type { YjsFromServer, YjsToServer } from './yjs-messages';

/**
 * The server side of the Yjs bench, in a process of its own so that the clients (bench/yjs.ts)
 * and the server each get a core, and so that y-websocket's module state (documents, persistence)
 * is this server's alone. Started as `yjs-server.ts yishi` (the app: sessions, room authorisation,
 * input checks, Postgres persistence on a fresh embedded database) or `yjs-server.ts reference`
 * (the plain @y/websocket-server: no authentication, no persistence).
 */

const mode = process.argv[2];
const send = (m: YjsFromServer) => process.send!(m);

/** A text of about `bytes` UTF-8 bytes, written as many separate edits (as a long draft is). */
function largeDocument(bytes: number): Uint8Array {
	const doc = new Y.Doc();
	const text = doc.getText('pad');
	const line = '第十二条 停车收费标准：地面车位每月一百五十元，地下车位每月二百元。Parking fees per month.\n';
	const lineBytes = Buffer.byteLength(line);
	for (let written = 0; written < bytes; written += lineBytes) text.insert(text.length, line);
	return Y.encodeStateAsUpdate(doc);
}

async function yishi(editors: number) {
	const { app, dispose } = await startBenchApp('yishi-bench-yjs-');
	const { sql } = app.ctx.db;
	const moderator = await userRepository(sql).create({ name: '压测主持人', email: null });
	const council = await app.ctx.services.councils.create(moderator.id, {
		nameZh: '压测议事会',
		nameEn: 'Bench council',
		descriptionZh: '',
		descriptionEn: '',
		kind: CouncilKind.residentsCouncil
	});
	const userIds = [moderator.id];
	await sql.begin(async (tx) => {
		for (let i = 1; i < editors; i++) {
			const user = await userRepository(tx).create({ name: `编辑 ${i}`, email: null });
			await memberRepository(tx).insert({
				councilId: council.id,
				userId: user.id,
				role: Role.member,
				voteWeight: 1,
				constituency: null,
				organisation: null
			});
			userIds.push(user.id);
		}
	});
	const cookieName = sessionCookieName(app.ctx.settings.secureCookies);
	const cookies: string[] = [];
	for (const userId of userIds) {
		cookies.push(`${cookieName}=${(await app.ctx.services.sessions.start(userId)).sessionToken}`);
	}

	// The large document: another council's pad, stored as one snapshot, not loaded until asked for.
	const other = await app.ctx.services.councils.create(moderator.id, {
		nameZh: '大文档',
		nameEn: 'Large document',
		descriptionZh: '',
		descriptionEn: '',
		kind: CouncilKind.residentsCouncil
	});
	const large = largeDocument(1024 * 1024);
	const largeRoom = `council/${other.id}`;
	await collabRepository(sql).compact(largeRoom, large, [], null, (_, ours) => ours);

	send({
		type: 'ready',
		url: app.url,
		room: `council/${council.id}`,
		cookies,
		largeRoom,
		largeBytes: large.byteLength
	});
	process.on('message', (m: YjsToServer) => {
		if (m.type === 'stored') {
			void collabRepository(sql)
				.load(m.room)
				.then((stored) => {
					const parts = [
						...(stored.snapshot ? [stored.snapshot] : []),
						...stored.updates.map((u) => u.update)
					];
					send({ type: 'stored', state: parts.length ? Y.mergeUpdates(parts) : null });
				});
		}
		if (m.type === 'close') void dispose().finally(() => process.exit(0));
	});
}

async function reference(editors: number) {
	const http = createServer((_req, res) => res.writeHead(404).end());
	const wss = new WebSocketServer({ server: http });
	wss.on('connection', (ws, req) => setupWSConnection(ws, req));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	send({
		type: 'ready',
		url: `http://127.0.0.1:${port}`,
		room: 'bench',
		cookies: Array.from({ length: editors }, () => ''),
		largeRoom: null,
		largeBytes: 0
	});
	process.on('message', (m: YjsToServer) => {
		if (m.type === 'stored') send({ type: 'stored', state: null });
		if (m.type === 'close') process.exit(0);
	});
}

const editors = Number.parseInt(process.argv[3] ?? '50', 10);
(mode === 'reference' ? reference(editors) : yishi(editors)).catch((error: unknown) => {
	console.error('yjs bench server failed:', error);
	process.exit(1);
});
