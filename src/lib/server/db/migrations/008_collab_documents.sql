-- Shared documents: every update is appended as it arrives; a snapshot replaces them when the last
-- editor leaves. Loading = snapshot + the updates after it.
create table collab_update (
  id bigserial primary key,
  doc_name text not null,
  update bytea not null,
  created_at timestamptz not null default clock_timestamp()
);
create index collab_update_doc on collab_update (doc_name, id);

create table collab_snapshot (
  doc_name text primary key,
  state bytea not null,
  last_update_id bigint not null,
  updated_at timestamptz not null default clock_timestamp()
);
