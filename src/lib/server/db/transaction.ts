import type { Pool } from './database';

/** A transaction's connection: the pool's query interface, on one connection held from BEGIN to its end. */
export type Tx = Awaited<ReturnType<Pool['reserve']>>;

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
	try {
		await tx`begin`;
		let result: T;
		try {
			result = await work(tx);
		} catch (error) {
			// A broken connection cannot roll back; the server ends the transaction when it closes.
			await tx`rollback`.catch(() => {});
			throw error;
		}
		await tx`commit`;
		return result;
	} finally {
		tx.release();
	}
}
