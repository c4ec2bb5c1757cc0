// Audit protection (issue 9, Cybersecurity Law art. 21: logs kept ≥ 180 days). The row triggers of
// the foundation refuse UPDATE and DELETE; on PostgreSQL TRUNCATE skips row triggers, so a statement
// trigger refuses it too. The chain's head in `meta` may only move forward and cannot be deleted,
// so cutting the newest entries cannot be covered up by rewinding the head.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
    await sql`create function meta_audit_head_forward() returns trigger language plpgsql as $$
      begin
        if tg_op = 'TRUNCATE' then raise exception 'audit_head only moves forward'; end if;
        if old.key = 'audit_head' and (tg_op = 'DELETE' or new.key <> old.key
            or new.value::bigint < old.value::bigint) then
          raise exception 'audit_head only moves forward';
        end if;
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger meta_audit_head_forward before update or delete on meta
      for each row execute function meta_audit_head_forward()`.execute(db);
    await sql`create trigger meta_no_truncate before truncate on meta
      for each statement execute function meta_audit_head_forward()`.execute(db);
    return;
  }
  await sql`create trigger meta_audit_head_no_rewind before update on meta
    when old.key = 'audit_head' and (new.key <> old.key
      or cast(new.value as integer) < cast(old.value as integer))
    begin select raise(abort, 'audit_head only moves forward'); end`.execute(db);
  await sql`create trigger meta_audit_head_no_delete before delete on meta
    when old.key = 'audit_head'
    begin select raise(abort, 'audit_head only moves forward'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger if exists meta_no_truncate on meta`.execute(db);
    await sql`drop trigger if exists meta_audit_head_forward on meta`.execute(db);
    await sql`drop function if exists meta_audit_head_forward()`.execute(db);
    await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
    return;
  }
  await sql`drop trigger if exists meta_audit_head_no_rewind`.execute(db);
  await sql`drop trigger if exists meta_audit_head_no_delete`.execute(db);
}
