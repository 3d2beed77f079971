import type Database from "better-sqlite3";

/**
 * Tables of the online-only operations (SPEC RL14–RL20), in the read model's SQLite file so that a
 * refund approval and the projection that checks it are in one database. Unlike the projections,
 * these rows are authoritative (they are not rebuilt from documents): the relay's connection to
 * them commits with synchronous=FULL.
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
  `);
}
