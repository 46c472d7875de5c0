import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The sign-in forms of Auth.js post across its own endpoints; Kit's origin check stays on.
		csrf: { trustedOrigins: [] },
		// Open tabs learn of an upgrade within minutes (and at once on return or reconnect: UpdateNotice).
		version: { pollInterval: 5 * 60_000 }
	}
};

export default config;
