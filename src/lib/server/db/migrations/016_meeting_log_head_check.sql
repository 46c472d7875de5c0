-- Appends to a meeting's log take turns, across instances, and check inside their transaction that
-- the log still ends where the caller's decision was based. A mismatch raises YS409 and fails the
-- whole transaction, so an append's statements and its COMMIT can be sent together instead of
-- waiting for the head to be read first.
create function meeting_log_take_turn(meeting uuid) returns void language sql as $$
  select pg_advisory_xact_lock(hashtextextended(meeting::text, 0));
$$;

create function meeting_log_expect_head(meeting uuid, expected_seq integer, expected_hash text)
returns void language plpgsql as $$
declare
  head_seq integer;
  head_hash text;
begin
  perform meeting_log_take_turn(meeting);
  select seq, hash into head_seq, head_hash from meeting_event
    where meeting_id = meeting order by seq desc limit 1;
  if coalesce(head_seq, 0) <> expected_seq or (head_seq is not null and head_hash <> expected_hash) then
    raise exception 'the meeting record moved on (now at %)', coalesce(head_seq, 0) using errcode = 'YS409';
  end if;
end;
$$;
