-- How each council votes by default (a VotingRules object); null means the default rules.
alter table council add column voting_rules jsonb;

-- The ballot box of secret votes. It holds choices and what they weigh, keyed by the SHA-256 of the
-- voter's receipt code, and nothing that names or dates a voter: the meeting log records who voted
-- (turnout) and this table what was voted, with no column that joins the two.
create table secret_ballot (
  meeting_id uuid not null references meeting (id) on delete restrict,
  motion_id text not null,
  tag text not null,
  choice jsonb not null,
  weight_cents bigint not null,
  constituency text,
  primary key (meeting_id, motion_id, tag)
);
