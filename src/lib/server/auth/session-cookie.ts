/** Auth.js's own cookie name for database sessions, so that our sign-ins and its sign-ins are one. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}
