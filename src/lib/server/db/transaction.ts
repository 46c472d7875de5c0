import { isDatabaseUnavailable, type Pool } from './database';

/** A transaction's connection: the pool's query interface, on one connection held from BEGIN to its end. */
export type Tx = Awaited<ReturnType<Pool['reserve']>>;

/**
 * Ends a transaction that failed and gives its connection back, unless the connection itself was
 * lost. postgres 3.4.9 takes a lost connection back on its own (to reconnect it); a ROLLBACK sent
 * on it, or releasing it as well, puts the dead connection to use again, and the driver then
 * writes to a socket it has dropped, an error thrown outside any promise that ends the process.
 */
export async function abandon(tx: Tx, failure: unknown, rollback: () => Promise<unknown>): Promise<void> {
	if (isDatabaseUnavailable(failure)) return;
	await rollback().catch(() => {});
	tx.release();
}

/**
 * Runs `work` in one transaction on a connection reserved for it alone; commits if `work`
 * resolves, rolls back if it throws.
 *
 * Not `sql.begin`: in postgres 3.4.9 a BEGIN sent on a connection that is busy with other queries
 * may skip reserving it (porsager/postgres#1189). Under load (a vote of thousands, the embedded
 * database's single connection) the transaction then has no connection at all, a TypeError that
 * takes the process down, or shares one with unrelated queries. `reserve()` waits for an idle
 * connection and keeps it until released, so BEGIN and COMMIT surround only our own statements.
 */
export async function transaction<T>(pool: Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	const tx = await pool.reserve();
	let result: T;
	try {
		await tx`begin`;
		result = await work(tx);
		await tx`commit`;
	} catch (error) {
		await abandon(tx, error, () => tx`rollback`);
		throw error;
	}
	tx.release();
	return result;
}
