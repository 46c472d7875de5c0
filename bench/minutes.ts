import { performance } from 'node:perf_hooks';
import { generateMinutes } from '../src/lib/domain/minutes/generate-minutes';
import { minutesDocument } from '../src/lib/domain/minutes/minutes-document';
import { renderPdf } from '../src/lib/server/minutes/render-pdf';
import { largeMeetingLog } from './minutes-log';

/**
 * `minutes events=N generate_ms=…`: minutes generated from an N-event meeting log (median of
 * runs after a warm-up), then the PDF of those minutes and an archive export when present.
 */
const EVENTS = 10_000;
const RUNS = 9;

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
	const t0 = performance.now();
	const pdf = await renderPdf(minutesDocument(minutes, 'zh'));
	const pdfMs = performance.now() - t0;
	return `minutes events=${facts.length} generate_ms=${median(times).toFixed(1)} pdf_ms=${pdfMs.toFixed(0)} pdf_kb=${(pdf.length / 1024).toFixed(0)}`;
}

benchMinutes().then(
	(line) => console.log(line),
	(error: unknown) => {
		console.error('minutes bench failed:', error);
		process.exit(1);
	}
);
