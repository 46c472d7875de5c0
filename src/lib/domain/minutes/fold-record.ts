import { foldMeeting } from '../meeting/evolve';
import type { RecordedFact } from '../meeting/meeting-events';
import { initialMeetingState, type MeetingState } from '../meeting/meeting-state';

/** The meeting's final state, folded for the minutes (transiently: a large vote stays linear). */
export const foldRecord = (facts: readonly RecordedFact[]): MeetingState =>
	foldMeeting(facts, initialMeetingState);
