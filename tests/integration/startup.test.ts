import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'yishi-startup-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npx tsx server/main.ts` as an operator would; resolves when it exits (or is killed at 20 s). */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
	const began = Date.now();
	const child = spawn('npx', ['tsx', 'server/main.ts'], {
		cwd: root,
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			DATA_DIR: dataDir,
			PORT: '0',
			YISHI_LOG: 'silent',
			...env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	return new Promise((done) =>
		child.on('close', (code) => {
			clearTimeout(killer);
			done({ code, stderr, ms: Date.now() - began });
		})
	);
}

/** A person-readable refusal: one message, no stack trace. */
function expectCleanRefusal(run: { code: number | null; stderr: string; ms: number }) {
	expect(run.code).not.toBe(0);
	expect(run.code).not.toBeNull();
	expect(run.ms).toBeLessThan(20_000);
	expect(run.stderr).toContain('Yishi cannot start');
	expect(run.stderr).not.toMatch(/^ {4}at /m);
}

describe('starting Yishi', () => {
	it.concurrent(
		'[startup:database] an unreachable DATABASE_URL stops the start with a clear message',
		async () => {
			const run = await start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
			expectCleanRefusal(run);
			expect(run.stderr).toContain('Cannot reach the database at postgres://nobody@127.0.0.1:1/none');
		}
	);

	it.concurrent('[startup:database] the message never shows the database password', async () => {
		const run = await start({ DATABASE_URL: 'postgres://nobody:s3cret-pw@127.0.0.1:1/none' });
		expectCleanRefusal(run);
		expect(run.stderr).toContain('postgres://nobody:***@127.0.0.1:1/none');
		expect(run.stderr).not.toContain('s3cret-pw');
	});

	it.concurrent('[startup:config] an invalid setting is named, without a stack trace', async () => {
		const run = await start({ PORT: 'eighty', DATABASE_URL: 'mysql://somewhere/db' });
		expectCleanRefusal(run);
		expect(run.stderr).toContain('Invalid configuration');
		expect(run.stderr).toMatch(/PORT:/);
		expect(run.stderr).toMatch(/DATABASE_URL: DATABASE_URL must start with postgres:\/\//);
	});
});
