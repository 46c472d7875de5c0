-- Large payloads of the socket.io Postgres adapter (multi-instance broadcast) overflow NOTIFY's 8 kB
-- and are parked here briefly.
create table socket_io_attachments (
  id bigserial unique,
  created_at timestamptz default now(),
  payload bytea
);
