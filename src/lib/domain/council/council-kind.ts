/** The bodies named in the field studies the app is built from. */
export const CouncilKind = {
	residentsCouncil: 'residents-council',
	elderAssociation: 'elder-association',
	jointCouncil: 'joint-council',
	buildingCouncil: 'building-council',
	propertyCommittee: 'property-committee',
	ownersAssembly: 'owners-assembly',
	other: 'other'
} as const;

export type CouncilKind = (typeof CouncilKind)[keyof typeof CouncilKind];

export const COUNCIL_KINDS: readonly CouncilKind[] = Object.values(CouncilKind);
