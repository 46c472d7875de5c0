/** Where a follow-up task stands; open and in-progress ones come back as matters arising. */
export const FollowUpStatus = {
	open: 'open',
	inProgress: 'in-progress',
	done: 'done',
	dropped: 'dropped'
} as const;
export type FollowUpStatus = (typeof FollowUpStatus)[keyof typeof FollowUpStatus];

export const isSettled = (s: FollowUpStatus) => s === FollowUpStatus.done || s === FollowUpStatus.dropped;
