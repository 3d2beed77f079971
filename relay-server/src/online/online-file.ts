import Database from "better-sqlite3";
import { migrateCancellationRecord } from "../read-model/cancellations.js";
import { migrateOnline } from "./online-db.js";

/** Schema name under which `online.sqlite` is attached to a read-model connection. */
export const ONLINE_SCHEMA = "online";

/**
 * The online-only state (SPEC RL55) lives in its own file, `online.sqlite`, never in the read model:
 * the read model may be deleted and rebuilt from the documents, these rows can't be (nothing in the
 * documents says which refund was approved or which points were spent). The file is migrated on a
 * connection of its own — so `migrateOnline`'s unqualified CREATE TABLEs land in it — and then
 * attached to `db` as schema `online`. Queries keep naming the tables unqualified: SQLite looks in
 * `main` first, then in attached files, so joins with the read model's tables work unchanged.
 */
export function attachOnlineFile(db: Database.Database, file: string): void {
  const own = new Database(file);
  try {
    own.pragma("journal_mode = WAL");
    own.pragma("busy_timeout = 5000");
    migrateOnline(own);
    migrateCancellationRecord(own);
  } finally {
    own.close();
  }
  db.prepare(`ATTACH DATABASE ? AS ${ONLINE_SCHEMA}`).run(file);
  // Authoritative rows: every commit that touches this file is fsynced, whatever `main` uses.
  db.pragma(`${ONLINE_SCHEMA}.synchronous = FULL`);
}

/**
 * A read model written before RL55 holds the online tables itself. Their rows move into
 * `online.sqlite` (INSERT OR IGNORE: a move cut short by a crash is finished on the next start) and
 * the read model's copies are dropped — left there they would shadow the attached tables.
 * `keep` names tables the read model keeps as a mirror (receipt_cancellations): copied, not dropped.
 */
export function moveLegacyOnlineTables(db: Database.Database, keep: readonly string[] = []): string[] {
  const tables = (schema: string) =>
    (db.prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
  const columns = (schema: string, table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
  const inMain = new Set(tables("main"));
  const moved: string[] = [];
  db.transaction(() => {
    for (const table of tables(ONLINE_SCHEMA)) {
      // kasa_probe: each file has its own /readyz probe row (RL14), nothing to move.
      if (!inMain.has(table) || table === "kasa_probe") continue;
      const target = columns(ONLINE_SCHEMA, table);
      const common = columns("main", table).filter((c) => target.includes(c)).map((c) => `"${c}"`).join(", ");
      db.exec(`INSERT OR IGNORE INTO ${ONLINE_SCHEMA}."${table}" (${common}) SELECT ${common} FROM main."${table}"`);
      if (!keep.includes(table)) {
        db.exec(`DROP TABLE main."${table}"`);
        moved.push(table);
      }
    }
  })();
  return moved;
}
