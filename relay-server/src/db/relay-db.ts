import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The relay's own records: stores, owners, registers, devices, pairing codes, sessions and the
 * owner of every document (the access list). A real SQLite file with WAL and synchronous=FULL:
 * a device token handed out must survive a crash as surely as the documents do.
 */
export function openRelayDb(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE stores (
     store_id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     store_doc_url TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE owners (
     owner_id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE store_owners (
     store_id TEXT NOT NULL REFERENCES stores(store_id),
     owner_id TEXT NOT NULL REFERENCES owners(owner_id),
     PRIMARY KEY (store_id, owner_id)
   );
   CREATE TABLE registers (
     register_id TEXT PRIMARY KEY,
     store_id TEXT NOT NULL REFERENCES stores(store_id),
     number INTEGER NOT NULL,
     name TEXT NOT NULL,
     register_doc_url TEXT NOT NULL,
     UNIQUE (store_id, number)
   );
   CREATE TABLE devices (
     device_id TEXT PRIMARY KEY,
     store_id TEXT NOT NULL REFERENCES stores(store_id),
     register_id TEXT NOT NULL REFERENCES registers(register_id),
     token_hash TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER,
     last_seen_at INTEGER
   );
   CREATE TABLE pairing_codes (
     code TEXT PRIMARY KEY,
     store_id TEXT NOT NULL REFERENCES stores(store_id),
     register_id TEXT NOT NULL REFERENCES registers(register_id),
     expires_at INTEGER NOT NULL,
     used_at INTEGER
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL REFERENCES owners(owner_id),
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE documents (
     doc_id TEXT PRIMARY KEY,
     store_id TEXT NOT NULL REFERENCES stores(store_id),
     register_id TEXT,
     claimed_at INTEGER NOT NULL
   );
   CREATE INDEX documents_by_store ON documents(store_id);`,
  // Store-wide documents every register of the store writes (open tickets); other store-wide ones stay read-only.
  `ALTER TABLE documents ADD COLUMN writable_by_registers INTEGER NOT NULL DEFAULT 0;`,
  // What each device last said about itself (POST /api/device/status): unsynced events and its clock.
  `CREATE TABLE device_reports (
     device_id TEXT PRIMARY KEY REFERENCES devices(device_id),
     reported_at INTEGER NOT NULL,
     unsynced_events INTEGER NOT NULL,
     clock_skew_ms INTEGER NOT NULL
   );`,
];

function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
