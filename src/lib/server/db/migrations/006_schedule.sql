-- Recurring meetings share a series; each occurrence is its own meeting with its own record.
create table meeting_series (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references council (id) on delete cascade,
  frequency text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp()
);
alter table meeting add column series_id uuid references meeting_series (id) on delete set null;

-- Agendas a council reuses (opening → approval of last minutes → matters arising → …).
create table agenda_template (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references council (id) on delete cascade,
  name text not null,
  items jsonb not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp(),
  unique (council_id, name)
);

-- A secret in the calendar feed URL: phone calendars subscribe without signing in.
alter table council add column calendar_key text not null
  default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
