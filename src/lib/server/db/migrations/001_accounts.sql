-- People and their sign-in state. Column names inside quotes follow the Auth.js Postgres adapter,
-- which issues its own SQL against these four tables.
create table users (
  id uuid primary key default gen_random_uuid(),
  name text,
  email text unique,
  "emailVerified" timestamptz,
  image text,
  is_demo boolean not null default false,
  created_at timestamptz not null default clock_timestamp()
);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  "userId" uuid not null references users (id) on delete cascade,
  type text not null,
  provider text not null,
  "providerAccountId" text not null,
  refresh_token text,
  access_token text,
  expires_at bigint,
  id_token text,
  scope text,
  session_state text,
  token_type text,
  unique (provider, "providerAccountId")
);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  "userId" uuid not null references users (id) on delete cascade,
  expires timestamptz not null,
  "sessionToken" text not null unique
);
create index sessions_user on sessions ("userId");

create table verification_token (
  identifier text not null,
  expires timestamptz not null,
  token text not null,
  primary key (identifier, token)
);

create table app_setting (
  key text primary key,
  value text not null
);
