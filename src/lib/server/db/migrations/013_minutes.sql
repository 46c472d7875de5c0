-- Minutes, one row per version. A draft is regenerated from the meeting log until it is approved;
-- `generated` holds the minutes generated from the log (per language), `notes` the clerk's edited
-- notes per agenda item (Markdown text; null while the live notes are followed). Generated facts
-- are never edited here: a correction to approved minutes is a new version with its reason.
create table minutes_version (
  meeting_id uuid not null references meeting (id) on delete restrict,
  version integer not null check (version > 0),
  status text not null check (status in ('draft', 'approved')),
  generated jsonb not null,
  notes jsonb,
  log_seq integer not null,
  log_hash text not null,
  approved_at timestamptz,
  approved_in_meeting_id uuid references meeting (id) on delete restrict,
  approved_by uuid references users (id) on delete set null,
  correction_reason text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (meeting_id, version),
  check ((status = 'approved') = (approved_at is not null))
);
-- At most one draft per meeting: the one the clerk is working on.
create unique index minutes_version_one_draft on minutes_version (meeting_id) where status = 'draft';

-- Approved minutes are the council's record: no update or delete may touch them.
create function minutes_version_approved_is_final() returns trigger language plpgsql as $$
begin
  if old.status = 'approved' then
    raise exception 'approved minutes are immutable (meeting %, version %)', old.meeting_id, old.version;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end;
$$;

create trigger minutes_version_final before update or delete on minutes_version
  for each row execute function minutes_version_approved_is_final();

-- Whether a council shows its approved minutes and decisions on a public page (公开透明).
alter table council add column minutes_public boolean not null default false;
