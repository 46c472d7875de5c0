create table council (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name_zh text not null,
  name_en text not null,
  description_zh text not null default '',
  description_en text not null default '',
  kind text not null,
  time_zone text not null default 'Asia/Shanghai',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp()
);

-- One row per person per council. Revocation keeps the row so that past records still name them.
create table council_member (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references council (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null,
  vote_weight numeric(14, 2) not null default 1 check (vote_weight >= 0),
  constituency text,
  organisation text,
  joined_at timestamptz not null default clock_timestamp(),
  revoked_at timestamptz,
  revoked_by uuid references users (id) on delete set null,
  unique (council_id, user_id)
);
create index council_member_user on council_member (user_id);

-- Only a hash of the token is kept: a leaked table cannot be turned into sign-in links.
create table invite (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  member_id uuid not null references council_member (id) on delete cascade,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default clock_timestamp(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index invite_member on invite (member_id);
