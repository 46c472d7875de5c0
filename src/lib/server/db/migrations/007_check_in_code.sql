-- The short code printed under each member's check-in QR code, typed or scanned at the door.
alter table council_member
  add column check_in_code text not null default lpad(floor(random() * 100000000)::bigint::text, 8, '0');
alter table council_member add constraint council_member_check_in_code unique (council_id, check_in_code);
