import { randomBytes } from 'node:crypto';
import { sessionRepository } from '../repositories/session.repository';
import { userRepository } from '../repositories/user.repository';
import type { SignedInUser } from '../auth/signed-in-user';
import type { ServiceDeps } from './deps';

export const SESSION_DAYS = 30;

/**
 * Database sessions shared with Auth.js: the cookie holds a random token, the row says who it is.
 * Invite and demo sign-ins create rows here directly; Auth.js creates them for email links.
 */
export function sessionService(deps: ServiceDeps) {
	const repo = sessionRepository(deps.sql);
	return {
		async start(userId: string): Promise<{ sessionToken: string; expires: Date }> {
			const sessionToken = randomBytes(32).toString('base64url');
			const expires = new Date(deps.now().getTime() + SESSION_DAYS * 86_400_000);
			await repo.create({ userId, sessionToken, expires });
			return { sessionToken, expires };
		},
		end: (sessionToken: string) => repo.delete(sessionToken),
		/** Demo sign-in: only on an embedded demo install, and only as one of the demo people. */
		async startDemo(
			userId: string,
			demoSignIn: boolean
		): Promise<{ sessionToken: string; expires: Date } | null> {
			if (!demoSignIn) return null;
			const user = await userRepository(deps.sql).findById(userId);
			if (!user?.isDemo) return null;
			return this.start(userId);
		},
		async resolve(sessionToken: string | undefined): Promise<SignedInUser | null> {
			if (!sessionToken) return null;
			const row = await repo.findValid(sessionToken, deps.now());
			return row ? { id: row.userId, name: row.name ?? row.email ?? '', email: row.email } : null;
		}
	};
}
