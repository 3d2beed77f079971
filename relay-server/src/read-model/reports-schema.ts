import type Database from "better-sqlite3";

/**
 * The back office's report tables, added to the read model next to `receipts`. Versioned in a table
 * of its own (`kasa_schema`, part "reports") so other parts of the read model can migrate independently.
 *
 * Line items and payments are split out of each receipt's JSON body by a trigger on `receipts`: the
 * projector keeps inserting receipts exactly as before (INSERT OR IGNORE, so a duplicate never fires
 * the trigger), and every report is a plain SQL aggregate over indexed columns.
 *
 * Cancellations are relay-side facts (the back office cancels, no device does): their record is in
 * online.sqlite (RL55, see cancellations.ts); `receipt_cancellations` here is its mirror, which the
 * triggers below read, and `receipts.cancelled_at` mirrors them so report queries stay index-only.
 */
export const REPORTS_SCHEMA_VERSION = 3;

/** Rollup granule: every UTC offset in use is a multiple of 15 minutes, so any local hour/day is a union of granules. */
export const GRANULE_MS = 15 * 60_000;

export function ensureReportsSchema(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS kasa_schema (part TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  const row = db.prepare("SELECT version FROM kasa_schema WHERE part = 'reports'").get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current >= REPORTS_SCHEMA_VERSION) return;
  db.transaction(() => {
    if (current < 1) migrateTo1(db);
    if (current < 2) migrateTo2(db);
    if (current < 3) migrateTo3(db);
    db.prepare("INSERT INTO kasa_schema (part, version) VALUES ('reports', ?) ON CONFLICT(part) DO UPDATE SET version = excluded.version").run(REPORTS_SCHEMA_VERSION);
  })();
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
}

function migrateTo1(db: Database.Database): void {
  const add = (column: string, decl: string) => {
    if (!hasColumn(db, "receipts", column)) db.exec(`ALTER TABLE receipts ADD COLUMN ${column} ${decl}`);
  };
  add("shift_id", "TEXT");
  add("discount", "INTEGER NOT NULL DEFAULT 0");
  add("cancelled_at", "INTEGER");
  db.exec(`
    CREATE TABLE IF NOT EXISTS receipt_lines (
      event_id TEXT NOT NULL,
      line_index INTEGER NOT NULL,
      store_id TEXT NOT NULL,
      device_time INTEGER NOT NULL,
      item_id TEXT NOT NULL,
      name TEXT NOT NULL,
      quantity_milli INTEGER NOT NULL,
      gross INTEGER NOT NULL,
      discount INTEGER NOT NULL,
      cancelled INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (event_id, line_index)
    );
    CREATE INDEX IF NOT EXISTS receipt_lines_by_store_time ON receipt_lines(store_id, device_time, cancelled, item_id, quantity_milli, gross, discount);
    CREATE TABLE IF NOT EXISTS receipt_payments (
      event_id TEXT NOT NULL,
      payment_index INTEGER NOT NULL,
      store_id TEXT NOT NULL,
      device_time INTEGER NOT NULL,
      type TEXT NOT NULL,
      name TEXT NOT NULL,
      amount INTEGER NOT NULL,
      cancelled INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (event_id, payment_index)
    );
    CREATE INDEX IF NOT EXISTS receipt_payments_by_store_time ON receipt_payments(store_id, device_time, cancelled, name, type, amount);
    CREATE TABLE IF NOT EXISTS receipt_cancellations (
      event_id TEXT PRIMARY KEY,
      store_id TEXT NOT NULL,
      cancelled_at INTEGER NOT NULL,
      cancelled_by TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE IF NOT EXISTS shift_events (
      event_id TEXT PRIMARY KEY,
      doc_id TEXT NOT NULL,
      store_id TEXT NOT NULL,
      register_id TEXT NOT NULL,
      shift_id TEXT NOT NULL,
      type TEXT NOT NULL,
      device_time INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      body TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS shift_events_by_shift ON shift_events(store_id, shift_id);
    CREATE INDEX IF NOT EXISTS shift_events_by_doc ON shift_events(doc_id);
    -- Index-only scans for the sales summary: every column the aggregate reads is in the index.
    CREATE INDEX IF NOT EXISTS receipts_report ON receipts(store_id, device_time, cancelled_at, subtotal, discount, tax, total);
    CREATE INDEX IF NOT EXISTS receipts_by_shift ON receipts(store_id, shift_id);
    CREATE INDEX IF NOT EXISTS receipts_by_register_time ON receipts(store_id, register_id, device_time);

    DROP TRIGGER IF EXISTS receipts_report_split;
    CREATE TRIGGER receipts_report_split AFTER INSERT ON receipts BEGIN
      UPDATE receipts SET
        shift_id = json_extract(NEW.body, '$.payload.receipt.shiftId'),
        discount = coalesce(json_extract(NEW.body, '$.payload.receipt.discountTotal'), 0),
        cancelled_at = (SELECT cancelled_at FROM receipt_cancellations c WHERE c.event_id = NEW.event_id)
      WHERE event_id = NEW.event_id;
      INSERT OR IGNORE INTO receipt_lines (event_id, line_index, store_id, device_time, item_id, name, quantity_milli, gross, discount, cancelled)
        SELECT NEW.event_id, CAST(l.key AS INTEGER), NEW.store_id, NEW.device_time,
               json_extract(l.value, '$.itemId'), json_extract(l.value, '$.name'), json_extract(l.value, '$.quantityMilli'),
               json_extract(l.value, '$.gross'),
               coalesce((SELECT sum(json_extract(d.value, '$.amount')) FROM json_each(l.value, '$.discounts') d), 0),
               EXISTS (SELECT 1 FROM receipt_cancellations c WHERE c.event_id = NEW.event_id)
        FROM json_each(NEW.body, '$.payload.receipt.lines') l;
      INSERT OR IGNORE INTO receipt_payments (event_id, payment_index, store_id, device_time, type, name, amount, cancelled)
        SELECT NEW.event_id, CAST(p.key AS INTEGER), NEW.store_id, NEW.device_time,
               json_extract(p.value, '$.type'),
               coalesce(json_extract(p.value, '$.name'), CASE json_extract(p.value, '$.type') WHEN 'cash' THEN 'Cash' WHEN 'card' THEN 'Card' ELSE 'Other' END),
               json_extract(p.value, '$.amount'),
               EXISTS (SELECT 1 FROM receipt_cancellations c WHERE c.event_id = NEW.event_id)
        FROM json_each(NEW.body, '$.payload.receipt.payments') p;
    END;
  `);
  // Receipts projected before this version: split them now, once.
  db.exec(`
    UPDATE receipts SET shift_id = json_extract(body, '$.payload.receipt.shiftId'), discount = coalesce(json_extract(body, '$.payload.receipt.discountTotal'), 0);
    INSERT OR IGNORE INTO receipt_lines (event_id, line_index, store_id, device_time, item_id, name, quantity_milli, gross, discount)
      SELECT r.event_id, CAST(l.key AS INTEGER), r.store_id, r.device_time, json_extract(l.value, '$.itemId'), json_extract(l.value, '$.name'),
             json_extract(l.value, '$.quantityMilli'), json_extract(l.value, '$.gross'),
             coalesce((SELECT sum(json_extract(d.value, '$.amount')) FROM json_each(l.value, '$.discounts') d), 0)
      FROM receipts r, json_each(r.body, '$.payload.receipt.lines') l;
    INSERT OR IGNORE INTO receipt_payments (event_id, payment_index, store_id, device_time, type, name, amount)
      SELECT r.event_id, CAST(p.key AS INTEGER), r.store_id, r.device_time, json_extract(p.value, '$.type'),
             coalesce(json_extract(p.value, '$.name'), CASE json_extract(p.value, '$.type') WHEN 'cash' THEN 'Cash' WHEN 'card' THEN 'Card' ELSE 'Other' END),
             json_extract(p.value, '$.amount')
      FROM receipts r, json_each(r.body, '$.payload.receipt.payments') p;
  `);
}

/**
 * v2: `sales_rollup`, sums per store per 15-minute granule of the receipts not cancelled, kept by the
 * insert trigger and by cancellation. The dashboard's summary over a year reads ~35,000 rollup rows
 * instead of every receipt (a year of a busy store is 500,000+ receipts).
 */
function migrateTo2(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS sales_rollup (
      store_id TEXT NOT NULL,
      g INTEGER NOT NULL,
      gross INTEGER NOT NULL,
      discount INTEGER NOT NULL,
      tax INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (store_id, g)
    ) WITHOUT ROWID;
    DELETE FROM sales_rollup;
    INSERT INTO sales_rollup (store_id, g, gross, discount, tax, n)
      SELECT store_id, device_time / ${GRANULE_MS}, sum(subtotal), sum(discount), sum(tax), count(*) FROM receipts WHERE cancelled_at IS NULL GROUP BY store_id, device_time / ${GRANULE_MS};
    DROP TRIGGER IF EXISTS receipts_rollup;
    CREATE TRIGGER receipts_rollup AFTER INSERT ON receipts
      WHEN NOT EXISTS (SELECT 1 FROM receipt_cancellations c WHERE c.event_id = NEW.event_id)
    BEGIN
      INSERT INTO sales_rollup (store_id, g, gross, discount, tax, n)
        SELECT NEW.store_id, NEW.device_time / ${GRANULE_MS}, NEW.subtotal, coalesce(json_extract(NEW.body, '$.payload.receipt.discountTotal'), 0), NEW.tax, 1 WHERE true
        ON CONFLICT (store_id, g) DO UPDATE SET gross = gross + excluded.gross, discount = discount + excluded.discount, tax = tax + excluded.tax, n = n + 1;
    END;
  `);
}

/**
 * v3: a receipt deleted from the read model (an operator's repair, a test simulating a lagging copy)
 * takes its lines, payments and rollup share with it, so re-projecting it later counts it once.
 */
function migrateTo3(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER IF EXISTS receipts_report_delete;
    CREATE TRIGGER receipts_report_delete AFTER DELETE ON receipts BEGIN
      UPDATE sales_rollup SET gross = gross - OLD.subtotal, discount = discount - OLD.discount, tax = tax - OLD.tax, n = n - 1
        WHERE OLD.cancelled_at IS NULL AND store_id = OLD.store_id AND g = OLD.device_time / ${GRANULE_MS};
      DELETE FROM receipt_lines WHERE event_id = OLD.event_id;
      DELETE FROM receipt_payments WHERE event_id = OLD.event_id;
    END;
  `);
}

/** Takes a cancelled receipt out of the rollup (called in the cancellation's transaction). */
export function rollupRemove(db: Database.Database, eventId: string): void {
  db.prepare(
    `UPDATE sales_rollup SET gross = gross - r.subtotal, discount = sales_rollup.discount - r.discount, tax = sales_rollup.tax - r.tax, n = n - 1
     FROM (SELECT store_id, device_time / ${GRANULE_MS} AS g, subtotal, discount, tax FROM receipts WHERE event_id = ?) AS r
     WHERE sales_rollup.store_id = r.store_id AND sales_rollup.g = r.g`,
  ).run(eventId);
}

/** Whether a table exists (the refunds and e-mail tables belong to another part of the read model). */
export function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
