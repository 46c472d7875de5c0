-- Proposal documents: one living Yjs document per row (room `document/<id>`, stored in collab_*),
-- frozen versions that motions can be bound to by hash, and amendments proposed against a version.
create table proposal_document (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references council (id) on delete cascade,
  title text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp(),
  locked_by uuid references users (id) on delete set null,
  locked_at timestamptz
);
create index proposal_document_council on proposal_document (council_id, created_at);

-- A version is never changed: what was voted on must stay provable. sha256 is over the canonical
-- rendered HTML (see src/lib/domain/documents/version-hash.ts), so anyone can recompute it.
create table document_version (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references proposal_document (id) on delete restrict,
  name text not null,
  state bytea not null,
  html text not null,
  plain_text text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  frozen_by uuid references users (id) on delete set null,
  frozen_at timestamptz not null default clock_timestamp(),
  meeting_id uuid references meeting (id) on delete set null
);
create index document_version_document on document_version (document_id, frozen_at);

create function document_version_is_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'document_version rows are immutable';
end $$;
create trigger document_version_immutable before update or delete on document_version
  for each row execute function document_version_is_immutable();

-- A suggested change to one passage of a frozen version. The vote on it (if any) refers to this row.
create table document_amendment (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references proposal_document (id) on delete cascade,
  base_version_id uuid not null references document_version (id) on delete restrict,
  author_id uuid references users (id) on delete set null,
  passage text not null,
  replacement text not null,
  rationale text not null default '',
  status text not null default 'proposed' check (status in ('proposed', 'accepted', 'rejected')),
  created_at timestamptz not null default clock_timestamp(),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz
);
create index document_amendment_document on document_amendment (document_id, created_at);
