-- How each council decides it has quorum, and whether absent members may give proxies.
alter table council
  add column quorum_rule jsonb not null
    default '{"kind":"headcount","headcount":{"type":"fraction","numerator":1,"denominator":2,"inclusive":false},"proxiesCount":true}',
  add column proxies_allowed boolean not null default false,
  add column proxies_per_holder integer not null default 1 check (proxies_per_holder between 0 and 50);
