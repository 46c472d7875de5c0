import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readConfig } from './config';
import { connectServer, openEmbedded } from '../src/lib/server/db/database';
import { migrate } from '../src/lib/server/db/migrate';
import { buildArchive } from '../src/lib/server/archive/archive-bundle';
import { archiveRepository } from '../src/lib/server/repositories/archive.repository';

/**
 * `npm run archive -- --council <slug> --from YYYY-MM-DD --to YYYY-MM-DD --out <dir>`: the same zip
 * the archive page exports, written to <dir>/<slug>-<from>-<to>.zip, for clerks and scheduled jobs.
 * It opens the database the server would (DATABASE_URL, else the embedded one in DATA_DIR); the
 * embedded database allows one process at a time, so stop the server first when using it.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Args = z.object({ council: z.string().min(1), from: Day, to: Day, out: z.string().min(1) });

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			council: { type: 'string' },
			from: { type: 'string' },
			to: { type: 'string' },
			out: { type: 'string' }
		}
	});
	const args = Args.safeParse(values);
	if (!args.success) {
		console.error('usage: npm run archive -- --council <slug> --from YYYY-MM-DD --to YYYY-MM-DD --out <dir>');
		return 2;
	}
	const config = readConfig();
	const db = config.databaseUrl
		? await connectServer(config.databaseUrl, 1)
		: await openEmbedded(config.dataDir);
	try {
		await migrate(db.sql);
		const council = await archiveRepository(db.sql).councilBySlug(args.data.council);
		if (!council) {
			console.error(`no council with the slug ${args.data.council}`);
			return 1;
		}
		const { zip, manifest } = await buildArchive({
			sql: db.sql,
			councilId: council.id,
			from: args.data.from,
			to: args.data.to,
			now: new Date(),
			onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`)
		});
		process.stderr.write('\n');
		await mkdir(args.data.out, { recursive: true });
		const path = join(args.data.out, `${args.data.council}-${args.data.from}-${args.data.to}.zip`);
		await writeFile(path, zip);
		console.log(
			`${path}: ${manifest.logs.length} meetings, ${manifest.files.length} files, ${zip.length} bytes`
		);
		return 0;
	} finally {
		await db.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error('archive failed:', error);
		process.exit(1);
	}
);
