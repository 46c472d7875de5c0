-- Follow-up tasks: one owner (a member, or an organisation represented in the council), a due date
-- and a status. Tasks created or updated in a meeting are projections of that meeting's log (the
-- log stays the record); changes between meetings are written here directly.
-- The id is text: a task created in a meeting keeps the id its command gave it.
create table follow_up_task (
  id text primary key,
  council_id uuid not null references council (id) on delete cascade,
  title text not null,
  owner_member_id uuid references council_member (id) on delete set null,
  owner_organisation text,
  due_on date not null,
  status text not null default 'open'
    check (status in ('open', 'in-progress', 'done', 'dropped')),
  created_in_meeting uuid references meeting (id) on delete set null,
  item_id text,
  motion_id text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index follow_up_task_council on follow_up_task (council_id, status, due_on);
create index follow_up_task_owner on follow_up_task (owner_member_id);

-- Every status change and progress note, with when and by whom, and the meeting it was recorded
-- in. A change from a meeting names its log entry, so replaying a fact cannot add it twice.
create table follow_up_progress (
  id uuid primary key default gen_random_uuid(),
  task_id text not null references follow_up_task (id) on delete cascade,
  at timestamptz not null,
  status text not null check (status in ('open', 'in-progress', 'done', 'dropped')),
  note text not null default '',
  actor uuid references users (id) on delete set null,
  meeting_id uuid references meeting (id) on delete set null,
  meeting_seq integer,
  unique (meeting_id, meeting_seq)
);
create index follow_up_progress_task on follow_up_progress (task_id, at);

-- Reminders already mailed, one per task and due date, so that a restart or a second instance
-- does not send the same reminder again.
create table follow_up_reminder (
  task_id text not null references follow_up_task (id) on delete cascade,
  due_on date not null,
  sent_at timestamptz not null,
  primary key (task_id, due_on)
);
