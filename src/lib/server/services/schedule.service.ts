import { randomUUID, timingSafeEqual } from 'node:crypto';
import { councilCalendar } from '../calendar/ical-feed';
import { councilRepository } from '../repositories/council.repository';
import { seriesStarts } from '../../domain/calendar/recurrence';
import { CHINA_STANDARD_TIME, wallClockToInstant } from '../../domain/calendar/wall-clock';
import { CouncilAction } from '../../domain/council/permission';
import { standardAgenda, type TemplateItem } from '../../domain/meeting/agenda-template';
import { foldMeeting } from '../../domain/meeting/evolve';
import { initialMeetingState } from '../../domain/meeting/meeting-state';
import { fail, ok, type Result } from '../../domain/result';
import type { ErrorCode } from '../../protocol/errors';
import type { ScheduleInput } from '../../protocol/schedule.schema';
import { eventLogRepository } from '../repositories/event-log.repository';
import { meetingRepository } from '../repositories/meeting.repository';
import { scheduleRepository, type AgendaTemplateRow } from '../repositories/schedule.repository';
import { authorise } from './council-access';
import type { ServiceDeps } from './deps';
import { toFact } from './meeting-room.service';
import { transaction } from '../db/transaction';

export function scheduleService(deps: ServiceDeps) {
	const { sql } = deps;

	async function templateItems(councilId: string, template: string, locale: 'zh' | 'en') {
		if (template === 'standard') return standardAgenda(locale);
		if (template === 'empty') return [];
		return (await scheduleRepository(sql).findTemplate(councilId, template))?.items ?? null;
	}

	return {
		/** One meeting, or a series (weekly, monthly on a day, quarterly), each with the chosen agenda. */
		async schedule(
			actorId: string,
			councilId: string,
			input: ScheduleInput,
			locale: 'zh' | 'en'
		): Promise<Result<string[], ErrorCode>> {
			const access = await authorise(sql, actorId, councilId, CouncilAction.scheduleMeeting);
			if (!access.ok) return access;
			const [year, month, day] = input.date.split('-').map(Number) as [number, number, number];
			const [hour, minute] = input.time.split(':').map(Number) as [number, number];
			const first = wallClockToInstant({ year, month, day, hour, minute }, CHINA_STANDARD_TIME);
			const starts = seriesStarts(
				first,
				input.frequency,
				input.frequency === 'once' ? 1 : input.count,
				CHINA_STANDARD_TIME
			);
			if (!starts.ok) return starts;
			const items = await templateItems(councilId, input.template, locale);
			if (!items) return fail('invalid-input', 'No such agenda template.');
			const ids = await transaction(sql, async (tx) => {
				const seriesId =
					starts.value.length > 1
						? await scheduleRepository(tx).insertSeries({
								councilId,
								frequency: input.frequency,
								createdBy: actorId
							})
						: null;
				const created: string[] = [];
				for (const startsAt of starts.value) {
					const meeting = await meetingRepository(tx).insert({
						councilId,
						titleZh: input.titleZh,
						titleEn: input.titleEn,
						startsAt,
						plannedMinutes: input.plannedMinutes,
						location: input.location,
						onlineUrl: input.onlineUrl,
						createdBy: actorId
					});
					if (seriesId) await scheduleRepository(tx).setSeries(meeting.id, seriesId);
					created.push(meeting.id);
				}
				return created;
			});
			// The agenda is the first part of each meeting's record.
			for (const meetingId of ids) await appendAgenda(meetingId, items, actorId);
			return ok(ids);
		},

		async templates(actorId: string, councilId: string): Promise<Result<AgendaTemplateRow[], ErrorCode>> {
			const access = await authorise(sql, actorId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			return ok(await scheduleRepository(sql).listTemplates(councilId));
		},

		/** The council's meetings as iCalendar, for a feed URL that carries the council's calendar key. */
		async calendarFeed(councilId: string, key: string, origin = deps.origin): Promise<string | null> {
			const expected = await scheduleRepository(sql).calendarKey(councilId);
			if (!expected || !safeEqual(expected, key)) return null;
			const council = await councilRepository(sql).findById(councilId);
			const since = new Date(deps.now().getTime() - 365 * 86_400_000);
			return councilCalendar({
				councilName: `${council!.nameZh} · ${council!.nameEn}`,
				councilUrl: `${origin}/councils/${councilId}`,
				meetings: await scheduleRepository(sql).feedMeetings(councilId, since)
			});
		},

		/** The feed's address, at `origin`: the one the asking browser used. */
		async calendarUrl(
			actorId: string,
			councilId: string,
			origin = deps.origin
		): Promise<Result<string, ErrorCode>> {
			const access = await authorise(sql, actorId, councilId, CouncilAction.view);
			if (!access.ok) return access;
			const key = await scheduleRepository(sql).calendarKey(councilId);
			return ok(`${origin}/councils/${councilId}/calendar.ics?key=${key}`);
		},

		/** Saves a meeting's current agenda under a name, for the council's next meetings. */
		async saveTemplate(actorId: string, meetingId: string, name: string): Promise<Result<true, ErrorCode>> {
			const meeting = await meetingRepository(sql).findById(meetingId);
			if (!meeting) return fail('not-found', 'No such meeting.');
			const access = await authorise(sql, actorId, meeting.councilId, CouncilAction.scheduleMeeting);
			if (!access.ok) return access;
			const events = await eventLogRepository(sql).readSince(meetingId, 0);
			const agenda = foldMeeting(events.map(toFact), initialMeetingState).agenda;
			const items = agenda.map(({ title, plannedMinutes, kind }) => ({ title, plannedMinutes, kind }));
			await scheduleRepository(sql).saveTemplate({
				councilId: meeting.councilId,
				name,
				items,
				createdBy: actorId
			});
			return ok(true);
		}
	};

	async function appendAgenda(meetingId: string, items: readonly TemplateItem[], actorId: string) {
		if (items.length === 0) return;
		await eventLogRepository(sql).append({
			meetingId,
			expectedSeq: 0,
			occurredAt: deps.now(),
			events: items.map((item, index) => ({
				type: 'agenda:item-add',
				actorId,
				payload: {
					itemId: randomUUID(),
					index,
					fields: { ...item, description: '', presenter: null, documentId: null }
				}
			}))
		});
	}
}

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}
