import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user and system, every thread) used so far by each party to a bench. */
export interface CpuTimes {
	/** This process: the server under test. */
	server: number;
	/** The forked process running the clients. */
	clients: number;
	/** Every process named postgres (the database server's backends and helpers). */
	postgres: number;
}

/** Linux reports process times in clock ticks, USER_HZ, which is 100 on every Linux we run on. */
const MS_PER_TICK = 10;

/**
 * Read from /proc, so null where there is none. The benches share the machine's cores between
 * the server, the clients and Postgres, so the split says whose work a figure waited for.
 */
export function cpuTimes(clientsPid: number | undefined): CpuTimes | null {
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
	} catch {
		return null;
	}
	const times: CpuTimes = { server: 0, clients: 0, postgres: 0 };
	for (const pid of pids) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		// The name, in parentheses, may itself hold spaces; utime and stime are the 12th and 13th
		// fields after it.
		const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ms = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
		if (Number(pid) === process.pid) times.server += ms;
		else if (Number(pid) === clientsPid) times.clients += ms;
		else if (name.startsWith('postgres')) times.postgres += ms;
	}
	return times;
}

/** What each party used between two readings, as `cpu_server_ms=… cpu_clients_ms=… cpu_postgres_ms=…`. */
export function cpuFields(before: CpuTimes | null, after: CpuTimes | null, withPostgres: boolean): string {
	if (!before || !after) return '';
	const used = (k: keyof CpuTimes) => after[k] - before[k];
	return (
		` cpu_server_ms=${used('server')} cpu_clients_ms=${used('clients')}` +
		(withPostgres ? ` cpu_postgres_ms=${used('postgres')}` : '')
	);
}
