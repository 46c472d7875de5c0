import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { QuorumStatus } from '$lib/domain/meeting/quorum';
import type { DecisionPresetId, DecisionRule } from '$lib/domain/voting/decision-rule';
import type { ElectionTally } from '$lib/domain/voting/election';
import type {
	BallotForm,
	Candidate,
	Choice,
	Motion,
	VoteOutcome,
	VoteResult,
	VoteRun
} from '$lib/domain/voting/motion';
import type { Counts, Tally, TallyPart, VoteOption } from '$lib/domain/voting/tally';

export type Locale = 'zh' | 'en';

type Opt = { locale: Locale };
const opt = (locale: Locale): Opt => ({ locale });
const numberLocale = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB');

export const formatCount = (n: number, locale: Locale = getLocale()) =>
	new Intl.NumberFormat(numberLocale(locale)).format(n);

/** Weights are kept in hundredths (floor area 88.50 m² is 8850) so that sums stay exact. */
export const formatWeight = (cents: number, locale: Locale = getLocale()) =>
	new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: 2 }).format(cents / 100);

export function presetName(id: DecisionPresetId | 'custom', locale: Locale = getLocale()): string {
	const o = opt(locale);
	switch (id) {
		case 'robert-majority':
			return m.vote_preset_robert_majority({}, o);
		case 'robert-two-thirds':
			return m.vote_preset_robert_two_thirds({}, o);
		case 'civil-code-278-ordinary':
			return m.vote_preset_civil_code_278_ordinary({}, o);
		case 'civil-code-278-special':
			return m.vote_preset_civil_code_278_special({}, o);
		case 'residents-majority-present':
			return m.vote_preset_residents_majority_present({}, o);
		case 'custom':
			return m.vote_preset_custom({}, o);
	}
}

export function verdictText(result: VoteResult, locale: Locale = getLocale()): string {
	const o = opt(locale);
	switch (result) {
		case 'carried':
			return m.vote_result_carried({}, o);
		case 'failed':
			return m.vote_result_failed({}, o);
		case 'no-quorum':
			return m.vote_result_no_quorum({}, o);
	}
}

/** One test of the rule in words, e.g. "203 of 270 participating members in favour (needs ≥ 203)". */
export function explainPart(part: TallyPart, rule: DecisionRule, locale: Locale = getLocale()): string {
	const o = opt(locale);
	const show = part.measure === 'weight' ? formatWeight : formatCount;
	const args = {
		value: show(part.value, locale),
		base: show(part.base, locale),
		required: show(part.required, locale)
	};
	const text = partText(part, rule, args, o);
	return typeof part.scope === 'string'
		? text
		: m.vote_part_in_group({ group: part.scope.constituency || '—', text }, o);
}

type PartArgs = { value: string; base: string; required: string };

function partText(part: TallyPart, rule: DecisionRule, a: PartArgs, o: Opt): string {
	const weight = part.measure === 'weight';
	if (part.test === 'participation')
		return weight ? m.vote_part_participation_weight(a, o) : m.vote_part_participation_headcount(a, o);
	switch (rule.base) {
		case 'cast':
			if (rule.abstentionsInBase)
				return weight ? m.vote_part_participating_weight(a, o) : m.vote_part_participating_headcount(a, o);
			return weight ? m.vote_part_cast_weight(a, o) : m.vote_part_cast_headcount(a, o);
		case 'present':
			return weight ? m.vote_part_present_weight(a, o) : m.vote_part_present_headcount(a, o);
		case 'members':
			return weight ? m.vote_part_members_weight(a, o) : m.vote_part_members_headcount(a, o);
	}
}

export function countsText(counts: Counts, locale: Locale = getLocale()): string {
	const f = (n: number) => formatCount(n, locale);
	return m.vote_counts({ yes: f(counts.yes), no: f(counts.no), abstain: f(counts.abstain) }, opt(locale));
}

export function weightsText(weights: Counts, locale: Locale = getLocale()): string {
	const f = (n: number) => formatWeight(n, locale);
	return m.vote_weights({ yes: f(weights.yes), no: f(weights.no), abstain: f(weights.abstain) }, opt(locale));
}

export function quorumText(status: QuorumStatus, locale: Locale = getLocale()): string {
	const o = opt(locale);
	const parts = status.parts.map((p) => {
		const show = p.measure === 'weight' ? formatWeight : formatCount;
		const args = {
			present: show(p.present, locale),
			required: show(p.required, locale),
			total: show(p.total, locale)
		};
		return p.measure === 'weight' ? m.meeting_quorum_weight(args, o) : m.meeting_quorum_headcount(args, o);
	});
	const verdict = status.met ? m.meeting_quorum_met({}, o) : m.meeting_quorum_not_met({}, o);
	return m.vote_quorum_line({ verdict, parts: parts.join(m.vote_list_separator({}, o)) }, o);
}

export interface Explanation {
	verdict: string;
	/** Each test of the rule, and whether it was met. */
	parts: { text: string; met: boolean }[];
	/** The whole decision in one sentence, for the projector and the minutes. */
	summary: string;
}

/** Why a yes / no / abstain vote was carried or not, in words and numbers. */
export function explainTally(
	result: VoteResult,
	tally: Tally,
	rule: DecisionRule,
	locale: Locale = getLocale()
): Explanation {
	const o = opt(locale);
	const verdict = verdictText(result, locale);
	const parts = tally.parts.map((p) => ({ text: explainPart(p, rule, locale), met: p.met }));
	const summary = m.vote_summary({ verdict, reasons: parts.map((p) => p.text).join(m.vote_and({}, o)) }, o);
	return { verdict, parts, summary };
}

/** Who was elected, or which candidates tie across the last seat. */
export function explainElection(
	result: VoteResult,
	election: ElectionTally,
	candidates: readonly Candidate[],
	locale: Locale = getLocale()
): Explanation {
	const o = opt(locale);
	const label = (id: string) => candidates.find((c) => c.id === id)?.label ?? id;
	const names = (ids: readonly string[]) => ids.map(label).join(m.vote_list_separator({}, o));
	const verdict = result === 'no-quorum' ? verdictText(result, locale) : m.vote_result_election({}, o);
	const parts = [
		{
			text: election.elected.length
				? m.vote_elected({ names: names(election.elected) }, o)
				: m.vote_elected_none({}, o),
			met: election.elected.length > 0
		},
		...(election.tiedAtCut.length
			? [{ text: m.vote_tied({ names: names(election.tiedAtCut) }, o), met: false }]
			: []),
		{
			text: m.vote_election_votes(
				{
					ballots: formatCount(election.ballots, locale),
					votes: election.ranking
						.map((id) => `${label(id)} ${formatCount(election.votes[id] ?? 0, locale)}`)
						.join(m.vote_list_separator({}, o))
				},
				o
			),
			met: true
		}
	];
	const summary = m.vote_summary({ verdict, reasons: parts.map((p) => p.text).join(m.vote_and({}, o)) }, o);
	return { verdict, parts, summary };
}

/** A closed vote's explanation, whichever kind of ballot it had. */
export function explainOutcome(
	motion: Pick<Motion, 'form'> & { vote: Pick<VoteRun, 'rule'>; outcome: VoteOutcome },
	locale: Locale = getLocale()
): Explanation {
	const { outcome } = motion;
	if (outcome.tally) return explainTally(outcome.result, outcome.tally, motion.vote.rule, locale);
	if (outcome.election && motion.form.kind === 'choose')
		return explainElection(outcome.result, outcome.election, motion.form.candidates, locale);
	const verdict = verdictText(outcome.result, locale);
	return { verdict, parts: [], summary: verdict };
}

/** A ballot's choice as read back to people: an option, or the candidates picked (none is an abstention). */
export function choiceText(choice: Choice, form: BallotForm, locale: Locale = getLocale()): string {
	const o = opt(locale);
	if (typeof choice === 'string') return optionText(choice, locale);
	if (choice.length === 0) return m.vote_option_abstain({}, o);
	const candidates = form.kind === 'choose' ? form.candidates : [];
	return choice
		.map((id) => candidates.find((c) => c.id === id)?.label ?? id)
		.join(m.vote_list_separator({}, o));
}

export function optionText(option: VoteOption, locale: Locale = getLocale()): string {
	const o = opt(locale);
	switch (option) {
		case 'yes':
			return m.vote_option_yes({}, o);
		case 'no':
			return m.vote_option_no({}, o);
		case 'abstain':
			return m.vote_option_abstain({}, o);
	}
}
