import pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { YishiIo } from './socket-server';
import type { Logger } from '../log';

/** Longest wait for the adapter's LISTEN connection at start; past it the instance starts anyway. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** Longest wait for the adapter's connections to close when the instance stops. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * With a Postgres server, instances share socket.io rooms through its NOTIFY-based adapter, so
 * a broadcast after commit reaches clients on every instance. The embedded database is one process.
 *
 * Resolves once the adapter is subscribed: its close() releases the LISTEN connection only if it
 * already holds it, so an instance stopped while that connection was still being opened kept it
 * checked out and `pool.end()` (and with it shutdown) waited for ever.
 */
export async function attachClusterAdapter(
	io: YishiIo,
	databaseUrl: string,
	log: Logger,
	/** Called each time the adapter listens again after losing its connection (see meeting-heads.ts). */
	onListenAgain: () => void = () => {}
) {
	const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
	// A connection lost (the database restarted, the network cut) is an 'error' event, on the pool
	// for an idle one and on the client for the LISTEN one; with no listener it would end the process.
	const lost = (error: Error) => log.error('socket.io adapter: database connection lost', error);
	pool.on('error', lost);
	pool.on('connect', (client) => client.on('error', lost));
	const subscribed = whenListening(pool, onListenAgain);
	io.adapter(createAdapter(pool));
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([
		subscribed,
		new Promise((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_TIMEOUT_MS)))
	]);
	clearTimeout(timer);
	// A LISTEN connection lost and never given back would keep pool.end() waiting for ever.
	const close = () =>
		Promise.race([pool.end(), new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
	return { close };
}

/**
 * The adapter gives no signal when it is listening, so watch its connections for the LISTEN (and
 * give back a LISTEN connection that ended). Resolves at the first; each later one, on a new
 * connection after the last was lost, calls `again`: what other instances broadcast in between
 * never arrived.
 */
function whenListening(pool: pg.Pool, again: () => void): Promise<void> {
	const listeners = new WeakSet<pg.PoolClient>();
	let listened = false;
	const listening = () => {
		if (listened) again();
		listened = true;
	};
	return new Promise((resolve) => {
		pool.on('connect', (client) => {
			const query = client.query.bind(client) as (...args: unknown[]) => unknown;
			client.query = ((...args: unknown[]) => {
				const result = query(...args);
				// The first LISTEN on a connection; more on it would be for more namespaces.
				const listen = typeof args[0] === 'string' && args[0].startsWith('LISTEN') && !listeners.has(client);
				if (listen) {
					listeners.add(client);
					// The adapter listens again on a new connection when this one ends, but never gives
					// this one back: after two restarts its pool of two had no connection left to send
					// a broadcast with. Given back with an error, the pool drops it.
					client.once('end', () => {
						try {
							client.release(new Error('the LISTEN connection ended'));
						} catch {
							// Given back already (the adapter closing).
						}
					});
				}
				if (listen && result instanceof Promise) {
					// setImmediate: after the adapter's own continuation has stored the client.
					result.then(
						() =>
							setImmediate(() => {
								resolve();
								listening();
							}),
						() => {}
					);
				}
				return result;
			}) as typeof client.query;
		});
	});
}
