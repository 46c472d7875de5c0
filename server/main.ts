import { existsSync } from 'node:fs';
import { ConfigError, readConfig } from './config';
import { startYishi, type RequestHandler } from './app';
import { connectServer, DatabaseUnavailableError, openEmbedded } from '../src/lib/server/db/database';

/** `npm start`: the built SvelteKit app with socket.io and Yjs on one port. */
async function main() {
	const config = readConfig();
	// adapter-node checks form posts against the request's origin: ORIGIN when fixed, else the
	// Host header with the protocol read from PROTOCOL_HEADER (which it would otherwise take to be
	// https). Both are read when its handler is imported.
	if (config.followsHost) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	else process.env.ORIGIN ??= config.origin;
	// The database first: an unreachable DATABASE_URL is then reported as such whether or not the
	// app has been built yet (tests and CI start this file before the build step).
	const database = config.databaseUrl
		? await connectServer(config.databaseUrl)
		: await openEmbedded(config.dataDir);
	const built = new URL('../build/handler.js', import.meta.url);
	if (!existsSync(built)) {
		await database.close();
		throw new StartupError('The app is not built yet: run `npm run build` first.');
	}
	const { handler } = (await import(built.href)) as { handler: RequestHandler };
	const app = await startYishi({
		config,
		handler: config.followsHost ? overHttp(handler) : handler,
		database
	});
	const stop = () => {
		void app
			.close()
			.then(() => database.close())
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

/** Set on every request here, so a browser cannot choose it. */
const PROTOCOL_HEADER = 'x-yishi-protocol';

/** This server speaks plain HTTP; behind a proxy that adds TLS, ORIGIN is set. */
function overHttp(handler: RequestHandler): RequestHandler {
	return (req, res, next) => {
		req.headers[PROTOCOL_HEADER] = 'http';
		handler(req, res, next);
	};
}

class StartupError extends Error {}

main().catch((error: unknown) => {
	const known =
		error instanceof ConfigError ||
		error instanceof DatabaseUnavailableError ||
		error instanceof StartupError;
	if (!known) throw error;
	const cause = error.cause instanceof Error ? `\n  (${error.cause.message})` : '';
	console.error(`Yishi cannot start: ${error.message}${cause}`);
	process.exit(1);
});
