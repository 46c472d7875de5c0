import { connectServer, openEmbedded } from '../src/lib/server/db/database';
import { checkRecord } from '../src/lib/server/services/record-verification.service';
import { readConfig } from './config';

/**
 * `npm run verify -- <meeting id>`: whether a meeting's record is intact, read from the same
 * database the app uses (DATABASE_URL, else the embedded one in DATA_DIR; stop the app first then).
 * Exit code 0 intact, 2 broken, 1 on a usage or database error.
 */
async function main() {
	const meetingId = process.argv[2];
	if (!meetingId || !/^[0-9a-f-]{36}$/i.test(meetingId)) {
		console.error('usage: npm run verify -- <meeting id>');
		process.exit(1);
	}
	const config = readConfig();
	const database = config.databaseUrl
		? await connectServer(config.databaseUrl)
		: await openEmbedded(config.dataDir);
	try {
		const check = await checkRecord(database.sql, meetingId);
		if (check.events === 0) {
			console.log(`meeting ${meetingId}: no record (unknown meeting, or not yet opened)`);
		} else if (check.intact) {
			console.log(`meeting ${meetingId}: intact, ${check.events} events, head ${check.headHash}`);
		} else {
			console.log(`meeting ${meetingId}: BROKEN at seq ${check.firstBrokenSeq} of ${check.events} events`);
		}
		process.exitCode = check.intact ? 0 : 2;
	} finally {
		await database.close();
	}
}

main().catch((error: unknown) => {
	console.error(`verify failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
