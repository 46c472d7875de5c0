import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			// Keep in step with the `i18n` script in package.json, or the two overwrite each other's output.
			// The same layout in tests and builds, so neither forces the other to recompile.
			outputStructure: 'message-modules'
		}),
		sveltekit()
	],
	test: {
		// PGlite needs ~700 MB per open database: two workers keep the 2-core machine responsive.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
