import { performance } from 'node:perf_hooks';
import { generateMinutes } from '../src/lib/domain/minutes/generate-minutes';
import { minutesDocument } from '../src/lib/domain/minutes/minutes-document';
import { renderPdf } from '../src/lib/server/minutes/render-pdf';
import { benchArchive } from './archive-bench';
import { largeMeetingLog } from './minutes-log';

/**
 * `minutes events=N generate_ms=…`: minutes generated from an N-event meeting log (median of
 * runs after a warm-up), the PDF of those minutes, and the zip export of a 100-meeting archive
 * (archive-bench.ts). The generated minutes of the large log carry 50 votes of 199 named ballots,
 * so its PDF runs to well over a hundred pages.
 */
const EVENTS = 10_000;
const RUNS = 9;
const ARCHIVE_MEETINGS = 100;

function median(xs: number[]): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchMinutes(): Promise<string> {
	const facts = largeMeetingLog(EVENTS);
	const input = {
		meetingId: 'bench',
		header: {
			councilName: '基准议事会',
			meetingTitle: '大型会议',
			meetingType: null,
			scheduledAt: facts[0]!.occurredAt,
			location: null,
			onlineUrl: null
		},
		facts
	};
	generateMinutes(input);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		generateMinutes(input);
		times.push(performance.now() - t0);
	}
	const minutes = generateMinutes(input);
	// The font is parsed once per process, as in the server: warm it up with a small document.
	await renderPdf(minutesDocument({ ...minutes, items: minutes.items.slice(0, 1) }, 'zh'));
	const t0 = performance.now();
	const pdf = await renderPdf(minutesDocument(minutes, 'zh'));
	const pdfMs = performance.now() - t0;
	const archive = await benchArchive(ARCHIVE_MEETINGS);
	return `minutes events=${facts.length} generate_ms=${median(times).toFixed(1)} pdf_ms=${pdfMs.toFixed(0)} pdf_kb=${(pdf.length / 1024).toFixed(0)} ${archive}`;
}

benchMinutes().then(
	(line) => {
		console.log(line);
		process.exit(0);
	},
	(error: unknown) => {
		console.error('minutes bench failed:', error);
		process.exit(1);
	}
);
