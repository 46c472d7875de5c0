import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startYishi, type Yishi } from '../server/app';
import { readConfig } from '../server/config';

/** The app on a throwaway embedded database, loopback only; `dispose` closes it and removes the data. */
export async function startBenchApp(prefix: string): Promise<{ app: Yishi; dispose: () => Promise<void> }> {
	const dataDir = mkdtempSync(join(tmpdir(), prefix));
	const config = readConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		YISHI_DEMO: '0',
		YISHI_LOG: 'silent'
	});
	const app = await startYishi({ config });
	return {
		app,
		async dispose() {
			await app.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
