export interface SignedInUser {
	id: string;
	name: string;
	email: string | null;
}
