import type Database from "better-sqlite3";
import { migrateRedemptionRelease } from "./points-release.js";

/**
 * Tables of the online-only operations (SPEC RL30–RL37, RL50–RL52), in online.sqlite (RL55): run on
 * a connection to that file (online-file.ts), which is then attached to the read model's connections
 * so a refund approval and the projection that checks it are still queried together. Unlike the
 * projections, these rows are authoritative (they are not rebuilt from documents): they commit with
 * synchronous=FULL, and a deleted or rebuilt read model never loses them.
 */
export function migrateOnline(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS online_requests (
      store_id TEXT NOT NULL,
      request_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      body_hash TEXT NOT NULL,
      response TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (store_id, request_id)
    );
    CREATE TABLE IF NOT EXISTS refund_approvals (
      store_id TEXT NOT NULL,
      request_id TEXT NOT NULL,
      sale_event_id TEXT NOT NULL,
      register_id TEXT NOT NULL,
      lines_json TEXT NOT NULL,
      payments_json TEXT NOT NULL,
      approved_at INTEGER NOT NULL,
      PRIMARY KEY (store_id, request_id)
    );
    CREATE INDEX IF NOT EXISTS refund_approvals_by_sale ON refund_approvals(store_id, sale_event_id);
    CREATE TABLE IF NOT EXISTS online_customers (
      store_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      email TEXT,
      phone TEXT,
      code TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (store_id, customer_id)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS online_customers_email ON online_customers(store_id, email) WHERE email IS NOT NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS online_customers_phone ON online_customers(store_id, phone) WHERE phone IS NOT NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS online_customers_code ON online_customers(store_id, code) WHERE code IS NOT NULL;
    CREATE TABLE IF NOT EXISTS point_redemptions (
      store_id TEXT NOT NULL,
      request_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      points INTEGER NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (store_id, request_id)
    );
    CREATE INDEX IF NOT EXISTS point_redemptions_by_customer ON point_redemptions(store_id, customer_id);
    -- RL50: what each projected refund took back of the points its sale earned. points <= owed: the
    -- balance never goes below zero, so a take-back can be cut short; recorded once per refund event.
    CREATE TABLE IF NOT EXISTS point_takebacks (
      store_id TEXT NOT NULL,
      refund_event_id TEXT NOT NULL,
      sale_event_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      owed INTEGER NOT NULL,
      points INTEGER NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (store_id, refund_event_id)
    );
    CREATE INDEX IF NOT EXISTS point_takebacks_by_customer ON point_takebacks(store_id, customer_id);
  `);
  // RL51: an approval the register never used is released after a while; released ones stop counting.
  const columns = db.prepare("SELECT name FROM pragma_table_info('refund_approvals')").all() as { name: string }[];
  if (!columns.some((c) => c.name === "released_at")) db.exec("ALTER TABLE refund_approvals ADD COLUMN released_at INTEGER");
  // RL52: a redemption no sale used can be released (by the register, or after pointsRedemptionTtlMs).
  migrateRedemptionRelease(db);
}
