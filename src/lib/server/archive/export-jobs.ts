import { randomUUID } from 'node:crypto';

/** How an archive export stands, as its requester's page polls it. */
export interface ExportProgress {
	state: 'running' | 'ready' | 'failed';
	done: number;
	total: number;
}

export interface ExportFile {
	name: string;
	zip: Uint8Array;
}

interface Job extends ExportProgress {
	id: string;
	userId: string;
	councilId: string;
	file: ExportFile | null;
	finishedAt: number | null;
}

/** A finished zip waits this long for its download (and a second one, if the first failed). */
const KEEP_MS = 15 * 60_000;
/** Exports one person may have running at once: each holds a whole zip in memory. */
const RUNNING_PER_USER = 2;

/**
 * Archive exports that run in the background so the page can show a progress bar: a long range
 * takes a while, and a bare download shows nothing until the first byte. Kept in this process's
 * memory; only whoever started an export (in that council) may follow or download it.
 */
export function exportJobs(now: () => number = Date.now) {
	const jobs = new Map<string, Job>();

	function sweep() {
		for (const [id, job] of jobs)
			if (job.finishedAt !== null && now() - job.finishedAt > KEEP_MS) jobs.delete(id);
	}

	return {
		/** Starts `build`; null when this person already has RUNNING_PER_USER exports under way. */
		start(
			owner: { userId: string; councilId: string },
			build: (onProgress: (done: number, total: number) => void) => Promise<ExportFile>
		): string | null {
			sweep();
			const running = [...jobs.values()].filter((j) => j.userId === owner.userId && j.state === 'running');
			if (running.length >= RUNNING_PER_USER) return null;
			const job: Job = {
				id: randomUUID(),
				...owner,
				state: 'running',
				done: 0,
				total: 1,
				file: null,
				finishedAt: null
			};
			jobs.set(job.id, job);
			build((done, total) => {
				job.done = done;
				job.total = total;
			}).then(
				(file) => Object.assign(job, { state: 'ready', file, done: job.total, finishedAt: now() }),
				() => Object.assign(job, { state: 'failed', finishedAt: now() })
			);
			return job.id;
		},

		/** The job, if it exists and is this person's in this council. */
		find(
			owner: { userId: string; councilId: string },
			id: string
		): (ExportProgress & { file: ExportFile | null }) | null {
			sweep();
			const job = jobs.get(id);
			if (!job || job.userId !== owner.userId || job.councilId !== owner.councilId) return null;
			return { state: job.state, done: job.done, total: job.total, file: job.file };
		}
	};
}
