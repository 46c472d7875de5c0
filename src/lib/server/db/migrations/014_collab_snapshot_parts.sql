-- A document's snapshot is stored in parts of at most 1 MiB. One statement carrying tens of
-- megabytes takes minutes to reach the embedded database, whose socket gathers a message by
-- copying everything received so far for each piece that arrives; parts keep every statement small.
create table collab_snapshot_part (
  doc_name text not null references collab_snapshot (doc_name) on delete cascade,
  part integer not null,
  bytes bytea not null,
  primary key (doc_name, part)
);

insert into collab_snapshot_part (doc_name, part, bytes)
select doc_name, 0, state from collab_snapshot;

alter table collab_snapshot drop column state;
