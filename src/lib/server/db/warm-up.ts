import type { Pool, Sql } from './database';

/**
 * Opens every connection of the pool and runs on each the statements a crowd's commands use, with nothing to write.
 * The driver prepares a statement on each connection the first time it runs there, which takes a
 * round trip of its own, and opening a connection takes several; in the middle of a crowd every
 * round trip waits for the server's thread to read the crowd's messages first (see at-once.ts),
 * so the first vote after a start would pay them all while its voters wait.
 */
export async function warmUp(
	pool: Pool,
	statements: readonly ((sql: Sql) => Promise<unknown>[])[]
): Promise<void> {
	const connections = await Promise.all(Array.from({ length: pool.options.max }, () => pool.reserve()));
	try {
		await Promise.all(connections.flatMap((c) => statements.flatMap((run) => run(c))));
	} finally {
		for (const c of connections) c.release();
	}
}
