import type { Sql } from './database';

/**
 * postgres.js holds a message shorter than 1 KiB until the end of the event loop's turn, to send it
 * with the next ones. While a crowd's ballots are being read, that turn lasts as long as the burst
 * (each read of 2,000 sockets is one turn), so a short statement, and every round trip it ends,
 * would wait for the whole burst. A statement at least that long leaves at once, taking whatever
 * waits before it on the connection along; the padding is a comment.
 */
const PADDING = `/*${' '.repeat(1024)}*/`;

/** `text` (a statement without parameters, such as COMMIT) sent at once. */
export function atOnce(sql: Sql, text: string) {
	return sql.unsafe(`${text} ${PADDING}`);
}
