import { describe, expect, it } from 'vitest';
import { exportJobs, type ExportFile } from './export-jobs';

const owner = { userId: 'u1', councilId: 'c1' };
const file: ExportFile = { name: 'a.zip', zip: new Uint8Array([80, 75]) };

/** A build that reports one step and then waits until `finish` is called. */
function controlledBuild() {
	let finish: (ok: boolean) => void = () => {};
	const build = (onProgress: (done: number, total: number) => void) =>
		new Promise<ExportFile>((resolve, reject) => {
			onProgress(1, 3);
			finish = (ok) => (ok ? resolve(file) : reject(new Error('disk full')));
		});
	return { build, finish: (ok: boolean) => finish(ok) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('archive export jobs', () => {
	it('reports progress, then the file; only to its owner in its council', async () => {
		const jobs = exportJobs();
		const b = controlledBuild();
		const id = jobs.start(owner, b.build)!;
		expect(jobs.find(owner, id)).toMatchObject({ state: 'running', done: 1, total: 3, file: null });
		b.finish(true);
		await settle();
		expect(jobs.find(owner, id)).toMatchObject({ state: 'ready', done: 3, total: 3, file });
		expect(jobs.find({ ...owner, userId: 'u2' }, id)).toBe(null);
		expect(jobs.find({ ...owner, councilId: 'c2' }, id)).toBe(null);
	});

	it('says a failed build failed', async () => {
		const jobs = exportJobs();
		const b = controlledBuild();
		const id = jobs.start(owner, b.build)!;
		b.finish(false);
		await settle();
		expect(jobs.find(owner, id)).toMatchObject({ state: 'failed', file: null });
	});

	it('runs at most two exports per person and forgets finished ones after 15 minutes', async () => {
		let now = 0;
		const jobs = exportJobs(() => now);
		const [a, b] = [controlledBuild(), controlledBuild()];
		const first = jobs.start(owner, a.build)!;
		expect(jobs.start(owner, b.build)).not.toBe(null);
		expect(jobs.start(owner, controlledBuild().build)).toBe(null);
		expect(jobs.start({ ...owner, userId: 'u2' }, controlledBuild().build)).not.toBe(null);
		a.finish(true);
		await settle();
		expect(jobs.start(owner, controlledBuild().build)).not.toBe(null);
		now += 15 * 60_000 + 1;
		expect(jobs.find(owner, first)).toBe(null);
	});
});
