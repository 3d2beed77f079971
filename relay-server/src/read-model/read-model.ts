import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SaleCompleted } from "@kasa/domain";
import { migrateRefunds } from "./refunds.js";
import { attachOnlineFile, moveLegacyOnlineTables } from "../online/online-file.js";
import { migrateRedemptionRelease } from "../online/points-release.js";
import { syncCancellations } from "./cancellations.js";
import { ensureReportsSchema } from "./reports-schema.js";

export interface ReceiptRow {
  readonly eventId: string;
  readonly storeId: string;
  readonly registerId: string;
  readonly registerNumber: number;
  readonly number: string;
  readonly deviceTime: number;
  /** When the relay first stored it (relay clock, UTC ms). */
  readonly receivedAt: number;
  readonly total: number;
  readonly subtotal: number;
  readonly tax: number;
  readonly currency: string;
  readonly paymentTypes: string;
  readonly lineCount: number;
}

export interface QuarantineRow {
  readonly docId: string;
  readonly eventId: string;
  readonly storeId: string;
  readonly code: string;
  readonly reason: string;
  readonly at: number;
}

/**
 * The back office's view of the store, projected from journal events into SQLite. Idempotent by
 * event id (INSERT OR IGNORE), so a replay, a duplicate delivery or a rebuild never double counts.
 * Reports read only this; loading Automerge documents for a report is the slow path.
 */
export class ReadModel {
  readonly db: Database.Database;
  /** online.sqlite (RL55): the online-only state, attached to `db` as schema `online`. */
  readonly onlineFile: string;
  readonly #insertReceipt: Database.Statement;
  readonly #insertQuarantine: Database.Statement;

  /** `onlineFile` defaults to online.sqlite beside the read model (the data folder's layout). */
  constructor(file: string, onlineFile: string = join(dirname(file), "online.sqlite")) {
    mkdirSync(dirname(file), { recursive: true });
    this.onlineFile = onlineFile;
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    // NORMAL is enough here: the read model can always be rebuilt from the documents.
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS receipts (
        event_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        register_id TEXT NOT NULL,
        register_number INTEGER NOT NULL,
        number TEXT NOT NULL,
        device_time INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        total INTEGER NOT NULL,
        subtotal INTEGER NOT NULL,
        tax INTEGER NOT NULL,
        currency TEXT NOT NULL,
        payment_types TEXT NOT NULL,
        line_count INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS receipts_by_store_time ON receipts(store_id, device_time);
      CREATE TABLE IF NOT EXISTS quarantine (
        doc_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        store_id TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (doc_id, event_id)
      );
    `);
    // Report tables, shift events and cancellations (issue 6): versioned separately, additive only.
    ensureReportsSchema(this.db);
    // Refunds and e-receipt requests (issue 4).
    migrateRefunds(this.db);
    // The online operations' own tables and the cancellations live in online.sqlite (RL55): moved
    // there from a read model of an older relay, and the cancellations mirrored back.
    attachOnlineFile(this.db, onlineFile);
    moveLegacyOnlineTables(this.db, ["receipt_cancellations"]);
    syncCancellations(this.db);
    // Its index on `receipts` belongs here: migrateOnline now runs on online.sqlite, which has no receipts (RL52).
    migrateRedemptionRelease(this.db);
    this.#insertReceipt = this.db.prepare(`INSERT OR IGNORE INTO receipts
      (event_id, doc_id, store_id, register_id, register_number, number, device_time, received_at, total, subtotal, tax, currency, payment_types, line_count, body)
      VALUES (@eventId, @docId, @storeId, @registerId, @registerNumber, @number, @deviceTime, @receivedAt, @total, @subtotal, @tax, @currency, @paymentTypes, @lineCount, @body)`);
    this.#insertQuarantine = this.db.prepare(`INSERT OR IGNORE INTO quarantine (doc_id, event_id, store_id, code, reason, raw, at)
      VALUES (@docId, @eventId, @storeId, @code, @reason, @raw, @at)`);
  }

  /** Ids already projected or quarantined from one document, to skip them on the next change. */
  knownEventIds(docId: string): Set<string> {
    const rows = this.db.prepare("SELECT event_id AS id FROM receipts WHERE doc_id = ? UNION SELECT event_id FROM quarantine WHERE doc_id = ? UNION SELECT event_id FROM shift_events WHERE doc_id = ? UNION SELECT event_id FROM refunds WHERE doc_id = ?").all(docId, docId, docId, docId) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Inserts a batch in one transaction; returns the receipts that were new. */
  addReceipts(docId: string, events: readonly SaleCompleted[], receivedAt: number): ReceiptRow[] {
    const added: ReceiptRow[] = [];
    this.db.transaction(() => {
      for (const e of events) {
        const r = e.payload.receipt;
        const row: ReceiptRow = {
          eventId: e.id,
          storeId: e.storeId,
          registerId: e.registerId,
          registerNumber: r.registerNumber,
          number: r.number,
          deviceTime: e.deviceTime,
          receivedAt,
          total: r.total,
          subtotal: r.subtotal,
          tax: r.taxAdded + r.taxIncluded,
          currency: r.currency,
          paymentTypes: [...new Set(r.payments.map((p) => p.type))].join(","),
          lineCount: r.lines.length,
        };
        if (this.#insertReceipt.run({ ...row, docId, body: JSON.stringify(e) }).changes > 0) added.push(row);
      }
    })();
    return added;
  }

  quarantine(row: QuarantineRow & { raw: string }): void {
    this.#insertQuarantine.run(row);
  }

  receipts(storeId: string, options: { limit: number; before?: number }): ReceiptRow[] {
    return this.db
      .prepare(
        `SELECT event_id AS eventId, store_id AS storeId, register_id AS registerId, register_number AS registerNumber, number,
                device_time AS deviceTime, received_at AS receivedAt, total, subtotal, tax, currency, payment_types AS paymentTypes, line_count AS lineCount
         FROM receipts WHERE store_id = ? AND device_time < ? ORDER BY device_time DESC, event_id DESC LIMIT ?`,
      )
      .all(storeId, options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as ReceiptRow[];
  }

  receiptBody(storeId: string, eventId: string): SaleCompleted | undefined {
    const row = this.db.prepare("SELECT body FROM receipts WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as SaleCompleted) : undefined;
  }

  quarantined(storeId?: string): QuarantineRow[] {
    const sql = `SELECT doc_id AS docId, event_id AS eventId, store_id AS storeId, code, reason, at FROM quarantine ${storeId ? "WHERE store_id = ?" : ""} ORDER BY at DESC LIMIT 500`;
    return (storeId ? this.db.prepare(sql).all(storeId) : this.db.prepare(sql).all()) as QuarantineRow[];
  }

  /** Totals for operators: receipts projected and events held in quarantine. */
  counts(): { receipts: number; quarantined: number } {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return { receipts: one("SELECT count(*) AS n FROM receipts"), quarantined: one("SELECT count(*) AS n FROM quarantine") };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
