import type { Role } from '../council/role';

/** A council member as the meeting knows them, frozen when the meeting record starts. */
export interface RosterEntry {
	memberId: string;
	userId: string;
	name: string;
	role: Role;
	/** Vote weight in hundredths (e.g. floor area 88.50 m² → 8850), so sums stay exact. */
	weightCents: number;
	constituency: string | null;
}

export const toWeightCents = (weight: number) => Math.round(weight * 100);
