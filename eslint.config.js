import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The domain core is pure (architecture, Style 2): a file under src/lib/domain may import only
 * relative modules that stay inside src/lib/domain. Whether `../x` leaves the folder depends on
 * how deep the importing file sits, so one block per depth forbids one `../` more than it has.
 * Tests beside the domain code may also import their runner and property-testing library.
 */
const DOMAIN = 'src/lib/domain';
const DOMAIN_MAX_DEPTH = 5;
const DOMAIN_TEST_PACKAGES = ['vitest', 'fast-check'];
const domainMessage =
	'src/lib/domain is the pure core: import only relative modules inside src/lib/domain ' +
	'(no node:*, no packages, no $lib, nothing from server/).';

function domainPurity(depth, test) {
	const dirs = Array.from({ length: depth }, () => '*/').join('');
	const allowed = test ? `|(?:${DOMAIN_TEST_PACKAGES.join('|')})(?:/.*)?$` : '';
	const tests = ['**/*.test.ts', '**/*.spec.ts'];
	return {
		name: `yishi/domain-purity/depth-${depth}${test ? '/tests' : ''}`,
		files: test ? tests.map((t) => `${DOMAIN}/${dirs}${t.slice(3)}`) : [`${DOMAIN}/${dirs}*.{ts,js}`],
		ignores: test ? [] : tests,
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						// Bare specifiers (packages, node:*, $lib, absolute paths) unless allowed above.
						{ regex: `^(?!\\.\\.?/${allowed})`, message: domainMessage },
						// One `../` more than this file's depth below src/lib/domain leaves the core.
						{ regex: `^(?:\\.\\./){${depth + 1},}`, message: domainMessage },
						// Non-canonical paths (`./../`, `x/../`) could leave it unseen: keep them out too.
						{ regex: '^\\./\\.\\.|/[^./][^/]*/\\.\\.(?:/|$)', message: domainMessage }
					]
				}
			]
		}
	};
}

/** `.only` and `.skip` never reach main: a focused or skipped test silently shrinks the suite. */
const focusOrSkip = ['describe', 'it', 'test', 'suite', 'bench'].flatMap((object) =>
	['only', 'skip'].map((property) => ({
		object,
		property,
		message: `${object}.${property} must not be committed; run a subset with the CLI filter instead.`
	}))
);

export default defineConfig(
	globalIgnores([
		'build/',
		'.svelte-kit/',
		'src/lib/paraglide/',
		'node_modules/',
		'test-results/',
		'playwright-report/',
		'data/',
		'src/lib/i18n/project.inlang/cache/'
	]),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks undefined names itself, better than this rule can.
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		},
		rules: {
			// The app is served at the root (no paths.base), so plain hrefs are already right;
			// wrapping every link in resolve() would be noise.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	Array.from({ length: DOMAIN_MAX_DEPTH + 1 }, (_, depth) => [
		domainPurity(depth, false),
		domainPurity(depth, true)
	]).flat(),
	{
		// Playwright reads a fixture's dependencies from its destructuring: `async ({}, use)` is how
		// a fixture says it needs none.
		files: ['tests/e2e/**/*.ts'],
		rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] }
	},
	{
		name: 'yishi/no-focused-or-skipped-tests',
		files: ['**/*.test.ts', '**/*.spec.ts', 'tests/**/*.ts'],
		rules: {
			'no-restricted-properties': ['error', ...focusOrSkip],
			'no-restricted-syntax': [
				'error',
				{
					// Playwright's nested form: test.describe.only / test.describe.skip.
					selector:
						"MemberExpression[object.type='MemberExpression'][object.property.name='describe'][property.name=/^(only|skip)$/]",
					message: 'test.describe.only/.skip must not be committed.'
				}
			]
		}
	}
);
