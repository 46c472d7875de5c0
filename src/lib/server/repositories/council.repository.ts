import type { Sql } from '../db/database';
import type { CouncilKind } from '../../domain/council/council-kind';
import type { Role } from '../../domain/council/role';
import type { MeetingRules } from '../../domain/meeting/meeting-events';
import { DEFAULT_VOTING_RULES } from '../../domain/voting/motion';
import { QuorumRuleInput } from '../../protocol/quorum.schema';
import { VotingRulesStored } from '../../protocol/voting.schema';

export interface CouncilRow {
	id: string;
	slug: string;
	nameZh: string;
	nameEn: string;
	descriptionZh: string;
	descriptionEn: string;
	kind: CouncilKind;
	createdAt: Date;
}

export interface CouncilFields {
	nameZh: string;
	nameEn: string;
	descriptionZh: string;
	descriptionEn: string;
	kind: CouncilKind;
}

const columns = 'id, slug, name_zh, name_en, description_zh, description_en, kind, created_at';

export function councilRepository(sql: Sql) {
	return {
		async insert(input: CouncilFields & { slug: string; createdBy: string | null }) {
			const [row] = await sql<CouncilRow[]>`
				insert into council ${sql(input, 'slug', 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'kind', 'createdBy')}
				returning ${sql.unsafe(columns)}`;
			return row!;
		},
		async update(id: string, fields: CouncilFields): Promise<CouncilRow | null> {
			const [row] = await sql<CouncilRow[]>`
				update council set ${sql(fields, 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'kind')},
					updated_at = now()
				where id = ${id}
				returning ${sql.unsafe(columns)}`;
			return row ?? null;
		},
		async findById(id: string): Promise<CouncilRow | null> {
			const [row] = await sql<CouncilRow[]>`select ${sql.unsafe(columns)} from council where id = ${id}`;
			return row ?? null;
		},
		/** The council's rules for running meetings; a stored rule that no longer parses is a bug. */
		async findMeetingRules(id: string): Promise<MeetingRules | null> {
			const [row] = await sql<
				{ quorumRule: unknown; proxiesAllowed: boolean; proxiesPerHolder: number; votingRules: unknown }[]
			>`
				select quorum_rule, proxies_allowed, proxies_per_holder, voting_rules from council where id = ${id}`;
			if (!row) return null;
			return {
				quorum: QuorumRuleInput.parse(row.quorumRule),
				proxies: { allowed: row.proxiesAllowed, maxPerHolder: row.proxiesPerHolder },
				voting: row.votingRules ? VotingRulesStored.parse(row.votingRules) : DEFAULT_VOTING_RULES
			};
		},
		async updateMeetingRules(id: string, rules: MeetingRules): Promise<void> {
			await sql`update council set quorum_rule = ${sql.json(rules.quorum as never)},
				proxies_allowed = ${rules.proxies.allowed}, proxies_per_holder = ${rules.proxies.maxPerHolder},
				voting_rules = ${sql.json(rules.voting as never)},
				updated_at = now()
				where id = ${id}`;
		},
		async isEmpty(): Promise<boolean> {
			const [row] = await sql<{ n: number }[]>`select count(*)::int as n from council`;
			return row!.n === 0;
		},
		/** The councils where this person is an active member, with their role there. */
		async listForUser(userId: string): Promise<(CouncilRow & { role: Role; memberCount: number })[]> {
			return sql`
				select c.id, c.slug, c.name_zh, c.name_en, c.description_zh, c.description_en, c.kind,
					c.created_at, m.role,
					(select count(*)::int from council_member x
						where x.council_id = c.id and x.revoked_at is null) as member_count
				from council c
				join council_member m on m.council_id = c.id
				where m.user_id = ${userId} and m.revoked_at is null
				order by c.created_at`;
		}
	};
}
