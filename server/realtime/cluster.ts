import pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { YishiIo } from './socket-server';

/**
 * With a Postgres server, instances share socket.io rooms through its NOTIFY-based adapter, so
 * a broadcast after commit reaches clients on every instance. The embedded database is one process.
 */
export function attachClusterAdapter(io: YishiIo, databaseUrl: string) {
	const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
	io.adapter(createAdapter(pool));
	return { close: () => pool.end() };
}
