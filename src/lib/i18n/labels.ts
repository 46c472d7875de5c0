import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { CouncilKind } from '$lib/domain/council/council-kind';
import type { Role } from '$lib/domain/council/role';

export const roleLabel = (role: Role): string =>
	({
		moderator: m.role_moderator,
		member: m.role_member,
		representative: m.role_representative,
		clerk: m.role_clerk,
		observer: m.role_observer
	})[role]();

export const roleHint = (role: Role): string =>
	({
		moderator: m.role_moderator_hint,
		member: m.role_member_hint,
		representative: m.role_representative_hint,
		clerk: m.role_clerk_hint,
		observer: m.role_observer_hint
	})[role]();

export const kindLabel = (kind: CouncilKind): string =>
	({
		'residents-council': m.kind_residents_council,
		'elder-association': m.kind_elder_association,
		'joint-council': m.kind_joint_council,
		'building-council': m.kind_building_council,
		'property-committee': m.kind_property_committee,
		'owners-assembly': m.kind_owners_assembly,
		other: m.kind_other
	})[kind]();

/** Bilingual records carry both names; show the one of the reader's language. */
export const localName = (r: { nameZh: string; nameEn: string }) =>
	getLocale() === 'zh' ? r.nameZh : r.nameEn;
export const localDescription = (r: { descriptionZh: string; descriptionEn: string }) =>
	(getLocale() === 'zh' ? r.descriptionZh : r.descriptionEn) || r.descriptionZh || r.descriptionEn;
export const localTitle = (r: { titleZh: string; titleEn: string }) =>
	getLocale() === 'zh' ? r.titleZh : r.titleEn;

/** Councils meet in China; times are shown in the council's zone whatever the reader's device says. */
export function formatDateTime(value: Date | string, timeZone = 'Asia/Shanghai'): string {
	return new Intl.DateTimeFormat(getLocale() === 'zh' ? 'zh-CN' : 'en-GB', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone
	}).format(new Date(value));
}
