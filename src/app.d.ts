import type { SignedInUser } from '$lib/server/auth/signed-in-user';

declare global {
	namespace App {
		interface Locals {
			user: SignedInUser | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
