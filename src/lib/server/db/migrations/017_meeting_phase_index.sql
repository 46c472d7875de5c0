-- Whether a meeting has been opened or adjourned is asked for each meeting a council page lists;
-- without this, each question reads the meeting's whole log (thousands of events in a long one).
create index meeting_event_phase on meeting_event (meeting_id, type)
  where type in ('meeting:open', 'meeting:adjourn');
