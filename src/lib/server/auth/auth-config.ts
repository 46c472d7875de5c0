import PostgresAdapter from '@auth/pg-adapter';
import Nodemailer from '@auth/sveltekit/providers/nodemailer';
import type { SvelteKitAuthConfig } from '@auth/sveltekit';
import { createTransport } from 'nodemailer';
import type { Sql } from '../db/database';
import { SESSION_DAYS } from '../services/session.service';
import { pgClientShim } from './pg-client-shim';
import { signInMail } from './sign-in-mail';

export interface AuthOptions {
	sql: Sql;
	secret: string;
	smtpUrl: string | null;
	mailFrom: string;
	secureCookies: boolean;
	log: (line: string) => void;
}

export function buildAuthConfig(o: AuthOptions): SvelteKitAuthConfig {
	return {
		adapter: PostgresAdapter(pgClientShim(o.sql) as never),
		secret: o.secret,
		trustHost: true,
		useSecureCookies: o.secureCookies,
		basePath: '/auth',
		session: { strategy: 'database', maxAge: SESSION_DAYS * 86_400 },
		pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin/problem' },
		providers: [
			Nodemailer({
				// Without SMTP the link goes to the server log; nodemailer is then never called.
				server: o.smtpUrl ?? { jsonTransport: true },
				from: o.mailFrom,
				async sendVerificationRequest({ identifier, url }) {
					if (!o.smtpUrl) {
						o.log(`Sign-in link for ${identifier}: ${url}`);
						return;
					}
					const mail = signInMail(url);
					await createTransport(o.smtpUrl).sendMail({ to: identifier, from: o.mailFrom, ...mail });
				}
			})
		],
		logger: {
			error: (error) => o.log(`auth: ${error.name}: ${error.message}`),
			warn: () => {},
			debug: () => {}
		}
	};
}
