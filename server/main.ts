import { existsSync } from 'node:fs';
import { ConfigError, readConfig } from './config';
import { startYishi, type RequestHandler } from './app';
import { DatabaseUnavailableError } from '../src/lib/server/db/database';

/** `npm start`: the built SvelteKit app with socket.io and Yjs on one port. */
async function main() {
	const config = readConfig();
	// adapter-node checks form posts against ORIGIN; it must be the address people use.
	process.env.ORIGIN ??= config.origin;
	const built = new URL('../build/handler.js', import.meta.url);
	if (!existsSync(built)) throw new StartupError('The app is not built yet: run `npm run build` first.');
	const { handler } = (await import(built.href)) as { handler: RequestHandler };
	const app = await startYishi({ config, handler });
	const stop = () => {
		void app.close().finally(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
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
