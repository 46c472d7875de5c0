import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ToServerProcess =
	{ type: 'seed'; id: number } | { type: 'stored'; id: number; room: string } | { type: 'close' };

export type FromServerProcess =
	| { type: 'listening'; url: string }
	| { type: 'seeded'; id: number; councilId: string; cookies: [moderator: string, member: string] }
	| { type: 'stored'; id: number; text: string; hasSnapshot: boolean; updates: number };

type Answer<T extends FromServerProcess['type']> = Extract<FromServerProcess, { type: T }>;

export interface ServerProcess {
	url: string;
	/** A council with a moderator and a member, signed in (cookies in that order). */
	seed(): Promise<Answer<'seeded'>>;
	/** The pad of `room` as stored in the database: its text, and whether it is compacted. */
	stored(room: string): Promise<Answer<'stored'>>;
	/** SIGKILL: no shutdown, no final compaction, nothing flushed. */
	kill(): Promise<void>;
	/** A clean shutdown, as SIGTERM in production. */
	close(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('./server-process-main.ts', import.meta.url));

/** Starts Yishi in a child process on the given environment (DATA_DIR and/or DATABASE_URL). */
export function startServerProcess(env: Readonly<Record<string, string>>): Promise<ServerProcess> {
	const child: ChildProcess = fork(MAIN, [], {
		env: { ...process.env, ...env },
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let next = 0;
	const ask = <T extends FromServerProcess['type']>(message: ToServerProcess & { id: number }, answer: T) =>
		new Promise<Answer<T>>((resolve, reject) => {
			const onMessage = (m: FromServerProcess) => {
				if (m.type !== answer || !('id' in m) || m.id !== message.id) return;
				child.off('message', onMessage);
				child.off('exit', onExit);
				resolve(m as Answer<T>);
			};
			const onExit = () => reject(new Error('server process exited'));
			child.on('message', onMessage);
			child.once('exit', onExit);
			child.send(message);
		});
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`server process exited with ${code} before listening`)));
		child.on('message', (m: FromServerProcess) => {
			if (m.type !== 'listening') return;
			resolve({
				url: m.url,
				seed: () => ask({ type: 'seed', id: next++ }, 'seeded'),
				stored: (room) => ask({ type: 'stored', id: next++, room }, 'stored'),
				async kill() {
					child.kill('SIGKILL');
					await exited;
				},
				async close() {
					if (child.exitCode !== null || child.signalCode !== null) return;
					child.send({ type: 'close' });
					await exited;
				}
			});
		});
	});
}
