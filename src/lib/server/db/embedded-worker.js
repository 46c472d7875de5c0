// Plain JavaScript: a worker thread's entry is loaded by Node itself, whoever started the app.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded database on a thread of its own (see openEmbedded in database.ts): PGlite and the
 * wire-protocol socket the app's client connects to. `workerData` is `{ dataDir, socketPath }`.
 * It posts `ready` or `failed`; on `close` it stops serving, closes the database and posts `closed`.
 */
if (!parentPort) throw new Error('embedded-worker.js runs only as a worker thread');
const port = parentPort;
/** @type {{ dataDir: string, socketPath: string }} */
const { dataDir, socketPath } = workerData;

async function start() {
	const db = await PGlite.create({ dataDir });
	const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
	await server.start();
	port.on('message', (m) => {
		if (m?.type !== 'close') return;
		void (async () => {
			await server.stop();
			await db.close();
			port.postMessage({ type: 'closed' });
		})();
	});
	port.postMessage({ type: 'ready' });
}

start().catch((error) => port.postMessage({ type: 'failed', message: String(error) }));
