create table meeting (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references council (id) on delete cascade,
  title_zh text not null,
  title_en text not null,
  starts_at timestamptz not null,
  planned_minutes integer not null default 90 check (planned_minutes > 0),
  location text,
  online_url text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp()
);
create index meeting_council_start on meeting (council_id, starts_at);

-- The meeting record. Rows are only ever inserted: state, tallies and minutes are folds of it.
-- hash = sha256(prev_hash || canonical event), so any later edit breaks the chain at its seq.
create table meeting_event (
  meeting_id uuid not null references meeting (id) on delete restrict,
  seq integer not null check (seq > 0),
  type text not null,
  payload jsonb not null,
  actor_id uuid references users (id) on delete set null,
  occurred_at timestamptz not null,
  command_id text,
  hash text not null,
  primary key (meeting_id, seq)
);

-- Commands already applied, so that a retry after a lost acknowledgement does not act twice.
create table meeting_command (
  meeting_id uuid not null references meeting (id) on delete restrict,
  command_id text not null,
  first_seq integer not null,
  last_seq integer not null,
  primary key (meeting_id, command_id)
);

create function meeting_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'meeting_event is append-only';
end;
$$;

create trigger meeting_event_no_update before update or delete on meeting_event
  for each row execute function meeting_event_is_append_only();
