-- A changed secret ballot leaves no fact in the log (turnout is unchanged) but does change the
-- ballot box. Its command is recorded all the same, without a range of events, so that a retry
-- arriving after a later change is answered as already applied instead of changing the box back.
alter table meeting_command alter column first_seq drop not null;
alter table meeting_command alter column last_seq drop not null;
alter table meeting_command add constraint meeting_command_range_whole
  check ((first_seq is null) = (last_seq is null));
