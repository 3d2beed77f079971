import type Database from "better-sqlite3";
import { rollupRemove } from "./reports-schema.js";

/**
 * Receipt cancellations (SPEC RL55). The back office cancels, no device does, so the documents
 * can't bring a cancellation back: the authoritative record is `online.receipt_cancellations`
 * (online.sqlite, never rebuilt). The read model keeps `main.receipt_cancellations` as a mirror
 * so its insert triggers and report queries see cancellations without crossing files; the mirror
 * is refilled from the record whenever a read model is opened, before anything is projected into it.
 */

export interface Cancellation {
  readonly eventId: string;
  readonly storeId: string;
  readonly cancelledAt: number;
  readonly cancelledBy: string;
  readonly reason: string;
}

/** The authoritative table, created in the online file (called on a connection whose `main` is online.sqlite). */
export function migrateCancellationRecord(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS receipt_cancellations (
      event_id TEXT PRIMARY KEY,
      store_id TEXT NOT NULL,
      cancelled_at INTEGER NOT NULL,
      cancelled_by TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT ''
    );
  `);
}

/** Records a cancellation in both files and takes the receipt out of reports. Call inside a transaction. */
export function recordCancellation(db: Database.Database, c: Cancellation): void {
  const insert = (schema: string) =>
    db.prepare(`INSERT OR IGNORE INTO ${schema}.receipt_cancellations (event_id, store_id, cancelled_at, cancelled_by, reason) VALUES (?, ?, ?, ?, ?)`).run(c.eventId, c.storeId, c.cancelledAt, c.cancelledBy, c.reason);
  insert("online");
  insert("main");
  applyToReceipt(db, c.eventId, c.cancelledAt);
}

/**
 * Makes the mirror equal to the record: rows only the mirror has (a read model from before RL55, or
 * a crash between the two files' commits — WAL commits are atomic per file) are copied to the record,
 * rows only the record has (a rebuilt or restored read model) are mirrored and applied to their
 * receipts if those are already projected. Returns how many were mirrored.
 */
export function syncCancellations(db: Database.Database): number {
  return db.transaction(() => {
    db.exec(`INSERT OR IGNORE INTO online.receipt_cancellations (event_id, store_id, cancelled_at, cancelled_by, reason)
             SELECT event_id, store_id, cancelled_at, cancelled_by, reason FROM main.receipt_cancellations`);
    const missing = db
      .prepare(
        `SELECT event_id AS eventId, store_id AS storeId, cancelled_at AS cancelledAt, cancelled_by AS cancelledBy, reason FROM online.receipt_cancellations o
         WHERE NOT EXISTS (SELECT 1 FROM main.receipt_cancellations m WHERE m.event_id = o.event_id)`,
      )
      .all() as Cancellation[];
    for (const c of missing) recordCancellation(db, c);
    return missing.length;
  })();
}

/** Mirrors a cancellation onto a projected receipt, its lines, payments and the rollup (once). */
function applyToReceipt(db: Database.Database, eventId: string, cancelledAt: number): void {
  const row = db.prepare("SELECT cancelled_at AS cancelledAt FROM receipts WHERE event_id = ?").get(eventId) as { cancelledAt: number | null } | undefined;
  if (!row || row.cancelledAt !== null) return;
  rollupRemove(db, eventId);
  db.prepare("UPDATE receipts SET cancelled_at = ? WHERE event_id = ?").run(cancelledAt, eventId);
  db.prepare("UPDATE receipt_lines SET cancelled = 1 WHERE event_id = ?").run(eventId);
  db.prepare("UPDATE receipt_payments SET cancelled = 1 WHERE event_id = ?").run(eventId);
}
