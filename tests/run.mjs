#!/usr/bin/env node
// The one `npm test`: unit, integration (on DATABASE_URL when set, else PGlite), the production
// build, then Playwright against that build. Stops at the first failing step and closes with one
// line `N passed, N failed` summed over every suite that ran (CI reads that line).
//
//   node tests/run.mjs                 every step
//   node tests/run.mjs unit e2e        only the named steps (unit, integration, build, e2e), in order
//
// YISHI_TEST_SUMMARY=<file> also writes the totals there as JSON (.ci/run adds up its two runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];

/** Runs a command with inherited output; resolves to its exit code. */
function run(command, args, env = {}) {
	return new Promise((resolvePromise) => {
		const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward).on('SIGTERM', forward);
		child.on('close', (code, signal) => {
			process.off('SIGINT', forward).off('SIGTERM', forward);
			resolvePromise(code ?? (signal ? 1 : 0));
		});
		child.on('error', (error) => {
			console.error(`Cannot run ${command}: ${error.message}`);
			resolvePromise(1);
		});
	});
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** Vitest's JSON reporter (jest-compatible totals). */
function vitestCounts(file) {
	const report = readJson(file);
	if (!report) return null;
	return {
		passed: report.numPassedTests ?? 0,
		failed: report.numFailedTests ?? 0,
		skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
	};
}

/** Playwright's JSON reporter: flaky tests passed on a retry, so they count as passed. */
function playwrightCounts(file) {
	const stats = readJson(file)?.stats;
	if (!stats) return null;
	return {
		passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
		failed: stats.unexpected ?? 0,
		skipped: stats.skipped ?? 0
	};
}

/** CHROMIUM_PATH, else Debian's chromium, else Playwright's own download (where the network allows). */
async function chooseChromium() {
	if (process.env.CHROMIUM_PATH) {
		if (!existsSync(process.env.CHROMIUM_PATH))
			throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
		return process.env.CHROMIUM_PATH;
	}
	if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	console.log(
		'No system Chromium (set CHROMIUM_PATH, or apt-get install chromium); trying `playwright install chromium`…'
	);
	if ((await run(bin('playwright'), ['install', 'chromium'])) !== 0) {
		throw new Error(
			'No Chromium for the e2e tests: install one (apt-get install -y chromium) or set CHROMIUM_PATH.'
		);
	}
	return ''; // empty: playwright.config.ts then uses Playwright's downloaded browser
}

const vitestStep = (project) => async () => {
	const out = join(results, `vitest-${project}.json`);
	rmSync(out, { force: true });
	const code = await run(bin('vitest'), [
		'run',
		'--project',
		project,
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${out}`,
		// Paraglide's Vite plugin keeps vitest's main process alive for the default 10 s after a
		// compile; the report is written by then and test workers are already gone.
		'--teardownTimeout=2000'
	]);
	return { code, counts: vitestCounts(out) };
};

const steps = {
	unit: vitestStep('unit'),
	integration: vitestStep('integration'),
	async build() {
		return { code: await run(bin('vite'), ['build']), counts: null };
	},
	async e2e() {
		let chromium;
		try {
			chromium = await chooseChromium();
		} catch (error) {
			console.error(error instanceof Error ? error.message : error);
			return { code: 1, counts: null };
		}
		console.log(`Chromium: ${chromium || "Playwright's own"}`);
		const out = join(results, 'e2e-report.json');
		rmSync(out, { force: true });
		const code = await run(bin('playwright'), ['test', '--reporter=list,json'], {
			CHROMIUM_PATH: chromium,
			PLAYWRIGHT_JSON_OUTPUT_NAME: out
		});
		return { code, counts: playwrightCounts(out) };
	}
};

/**
 * SvelteKit's generated tsconfig and types, which a clean clone lacks. The paraglide messages need
 * no step here: the Vite plugin in vitest and in the build compiles them (a CLI compile first would
 * only make the plugin compile again).
 */
function prepare() {
	const { status } = spawnSync(bin('svelte-kit'), ['sync'], { cwd: root, stdio: 'inherit' });
	return status === 0;
}

function summarise() {
	for (const t of timings)
		console.log(`  ${t.name.padEnd(12)} ${t.status.padEnd(6)} ${t.seconds.toFixed(1)} s${t.note}`);
	const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
	if (process.env.YISHI_TEST_SUMMARY) writeFileSync(process.env.YISHI_TEST_SUMMARY, JSON.stringify(totals));
	console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
}

async function main() {
	const wanted = process.argv.slice(2);
	const unknown = wanted.filter((name) => !(name in steps));
	if (unknown.length) {
		console.error(`Unknown step(s): ${unknown.join(', ')}. Steps: ${Object.keys(steps).join(', ')}`);
		return 2;
	}
	mkdirSync(results, { recursive: true });
	if (!prepare()) {
		console.error('Preparing generated sources failed.');
		totals.failed += 1;
		summarise();
		return 1;
	}
	const started = Date.now();
	for (const [name, step] of Object.entries(steps)) {
		if (wanted.length && !wanted.includes(name)) continue;
		console.log(`\n━━ ${name} ━━`);
		const t0 = Date.now();
		const { code, counts } = await step();
		if (counts) {
			totals.passed += counts.passed;
			totals.failed += counts.failed;
			totals.skipped += counts.skipped;
		}
		// A step that failed without a failing test (no tests found, a crash, a broken build) still fails.
		const unexplained = code !== 0 && (!counts || counts.failed === 0);
		if (unexplained) totals.failed += 1;
		const note = counts ? ` (${counts.passed} passed, ${counts.failed} failed)`.replace(', ', ' · ') : '';
		timings.push({ name, status: code === 0 ? 'ok' : 'FAILED', seconds: (Date.now() - t0) / 1000, note });
		if (code !== 0) {
			console.error(`\n${name} failed (exit ${code}); stopping.`);
			summarise();
			return code;
		}
	}
	console.log(`\nAll steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
	summarise();
	return 0;
}

process.exitCode = await main();
