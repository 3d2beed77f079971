import type Database from "better-sqlite3";

/**
 * A real write, committed: what /readyz uses to say "storage is open and writable". A read or a
 * `BEGIN IMMEDIATE` alone would pass on a full disk or a file that lost write permission. The table
 * has one row, so probes never grow the file.
 */
export function probeWritable(db: Database.Database, now: number, schema = "main"): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${schema}.kasa_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL)`);
  db.prepare(`INSERT INTO ${schema}.kasa_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at`).run(now);
}
