import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything the process reads from its environment, parsed once. The only reader of process.env. */
export interface Config {
	port: number;
	host: string;
	origin: string;
	/**
	 * No ORIGIN and no mail: pages, form checks, invite and calendar links follow the address each
	 * browser used (a laptop in the meeting room is reached by its Wi-Fi address, not localhost).
	 * With mail, links leave the browser's hands (a sign-in mail built from a forged Host header
	 * would send its token elsewhere), so the origin is fixed.
	 */
	followsHost: boolean;
	databaseUrl: string | null;
	dataDir: string;
	demo: boolean;
	demoSignIn: boolean;
	production: boolean;
	smtpUrl: string | null;
	mailFrom: string;
	authSecret: string | null;
	logLevel: 'silent' | 'info';
}

const EnvSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	ORIGIN: z.url().optional(),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
		.optional(),
	DATA_DIR: z.string().default('./data'),
	YISHI_DEMO: z.enum(['0', '1']).default('1'),
	NODE_ENV: z.string().default('development'),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().default('Yishi 议事 <no-reply@localhost>'),
	AUTH_SECRET: z.string().min(32).optional(),
	YISHI_LOG: z.enum(['silent', 'info']).default('info')
});

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const parsed = EnvSchema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const e = parsed.data;
	const databaseUrl = e.DATABASE_URL || null;
	const production = e.NODE_ENV === 'production';
	const demo = e.YISHI_DEMO !== '0';
	const port = e.PORT;
	return {
		port,
		host: e.HOST,
		origin: e.ORIGIN ?? `http://localhost:${port}`,
		followsHost: !e.ORIGIN && !e.SMTP_URL,
		databaseUrl,
		dataDir: resolve(e.DATA_DIR),
		demo,
		// Signing in as anyone is only safe on a private embedded install.
		demoSignIn: demo && databaseUrl === null,
		production,
		smtpUrl: e.SMTP_URL || null,
		mailFrom: e.MAIL_FROM,
		authSecret: e.AUTH_SECRET ?? null,
		logLevel: e.YISHI_LOG
	};
}

export class ConfigError extends Error {}
