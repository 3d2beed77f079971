import type Database from "better-sqlite3";
import { hashSecret, newPairingCode, newSecret } from "../auth/secrets.js";
import { probeWritable } from "./write-probe.js";

export interface StoreRow {
  readonly storeId: string;
  readonly name: string;
  readonly storeDocUrl: string;
}
export interface RegisterRow {
  readonly registerId: string;
  readonly storeId: string;
  readonly number: number;
  readonly name: string;
  readonly registerDocUrl: string;
}
export interface DeviceRow {
  readonly deviceId: string;
  readonly storeId: string;
  readonly registerId: string;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
}
export interface DocumentOwner {
  readonly storeId: string;
  /** null for store-wide documents (store, customers, tickets); a register id for that register's own documents. */
  readonly registerId: string | null;
  /** A store-wide document every register of the store may write (open tickets). Devices only read the others. */
  readonly writableByRegisters?: boolean;
}

/** A pairing code lives 15 minutes: long enough to walk to the till, short enough that a leaked code is stale. */
export const PAIRING_CODE_TTL_MS = 15 * 60 * 1000;

/**
 * Typed access to the relay's records. Every query is prepared once; methods are synchronous
 * because better-sqlite3 is, and each multi-row write runs in one transaction.
 */
export class Directory {
  constructor(private readonly db: Database.Database) {}

  createStore(store: StoreRow, now: number): void {
    this.db.prepare("INSERT INTO stores (store_id, name, store_doc_url, created_at) VALUES (?, ?, ?, ?)").run(store.storeId, store.name, store.storeDocUrl, now);
    this.claimDocument(docIdOf(store.storeDocUrl), { storeId: store.storeId, registerId: null }, now);
  }

  stores(): StoreRow[] {
    return this.db.prepare("SELECT store_id AS storeId, name, store_doc_url AS storeDocUrl FROM stores ORDER BY created_at").all() as StoreRow[];
  }

  store(storeId: string): StoreRow | undefined {
    return this.db.prepare("SELECT store_id AS storeId, name, store_doc_url AS storeDocUrl FROM stores WHERE store_id = ?").get(storeId) as StoreRow | undefined;
  }

  createOwner(ownerId: string, email: string, passwordHash: string, storeIds: readonly string[], now: number): void {
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO owners (owner_id, email, password_hash, created_at) VALUES (?, ?, ?, ?)").run(ownerId, email, passwordHash, now);
      for (const s of storeIds) this.db.prepare("INSERT INTO store_owners (store_id, owner_id) VALUES (?, ?)").run(s, ownerId);
    })();
  }

  /** Gives an existing owner one more store. */
  addStoreOwner(storeId: string, ownerId: string): void {
    this.db.prepare("INSERT OR IGNORE INTO store_owners (store_id, owner_id) VALUES (?, ?)").run(storeId, ownerId);
  }

  ownerByEmail(email: string): { ownerId: string; passwordHash: string } | undefined {
    return this.db.prepare("SELECT owner_id AS ownerId, password_hash AS passwordHash FROM owners WHERE email = ?").get(email) as
      | { ownerId: string; passwordHash: string }
      | undefined;
  }

  storesOfOwner(ownerId: string): StoreRow[] {
    return this.db
      .prepare(
        `SELECT s.store_id AS storeId, s.name, s.store_doc_url AS storeDocUrl FROM stores s
         JOIN store_owners o ON o.store_id = s.store_id WHERE o.owner_id = ? ORDER BY s.created_at`,
      )
      .all(ownerId) as StoreRow[];
  }

  ownerCanSeeStore(ownerId: string, storeId: string): boolean {
    return this.db.prepare("SELECT 1 FROM store_owners WHERE owner_id = ? AND store_id = ?").get(ownerId, storeId) !== undefined;
  }

  createRegister(reg: RegisterRow, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO registers (register_id, store_id, number, name, register_doc_url) VALUES (?, ?, ?, ?, ?)")
        .run(reg.registerId, reg.storeId, reg.number, reg.name, reg.registerDocUrl);
      this.claimDocument(docIdOf(reg.registerDocUrl), { storeId: reg.storeId, registerId: reg.registerId }, now);
    })();
  }

  registers(storeId: string): RegisterRow[] {
    return this.db
      .prepare("SELECT register_id AS registerId, store_id AS storeId, number, name, register_doc_url AS registerDocUrl FROM registers WHERE store_id = ? ORDER BY number")
      .all(storeId) as RegisterRow[];
  }

  register(registerId: string): RegisterRow | undefined {
    return this.db
      .prepare("SELECT register_id AS registerId, store_id AS storeId, number, name, register_doc_url AS registerDocUrl FROM registers WHERE register_id = ?")
      .get(registerId) as RegisterRow | undefined;
  }

  newPairingCode(storeId: string, registerId: string, now: number): { code: string; expiresAt: number } {
    const code = newPairingCode();
    const expiresAt = now + PAIRING_CODE_TTL_MS;
    this.db.prepare("INSERT INTO pairing_codes (code, store_id, register_id, expires_at) VALUES (?, ?, ?, ?)").run(code, storeId, registerId, expiresAt);
    return { code, expiresAt };
  }

  /**
   * Redeems a one-time pairing code for a device token. Returns the reason when it can't:
   * the code is unknown, already used, or expired.
   */
  redeemPairingCode(
    code: string,
    deviceId: string,
    now: number,
  ): { ok: true; token: string; register: RegisterRow } | { ok: false; reason: "PAIRING_CODE_INVALID" | "PAIRING_CODE_EXPIRED" } {
    return this.db.transaction(() => {
      const row = this.db.prepare("SELECT store_id AS storeId, register_id AS registerId, expires_at AS expiresAt, used_at AS usedAt FROM pairing_codes WHERE code = ?").get(code) as
        | { storeId: string; registerId: string; expiresAt: number; usedAt: number | null }
        | undefined;
      if (!row || row.usedAt !== null) return { ok: false as const, reason: "PAIRING_CODE_INVALID" as const };
      if (row.expiresAt <= now) return { ok: false as const, reason: "PAIRING_CODE_EXPIRED" as const };
      this.db.prepare("UPDATE pairing_codes SET used_at = ? WHERE code = ?").run(now, code);
      const token = newSecret();
      this.db
        .prepare("INSERT INTO devices (device_id, store_id, register_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")
        .run(deviceId, row.storeId, row.registerId, hashSecret(token), now);
      const register = this.register(row.registerId);
      if (!register) throw new Error(`pairing code points at missing register ${row.registerId}`);
      return { ok: true as const, token, register };
    })();
  }

  deviceByToken(token: string): DeviceRow | undefined {
    return this.db
      .prepare(
        "SELECT device_id AS deviceId, store_id AS storeId, register_id AS registerId, revoked_at AS revokedAt, last_seen_at AS lastSeenAt FROM devices WHERE token_hash = ?",
      )
      .get(hashSecret(token)) as DeviceRow | undefined;
  }

  devices(storeId: string): DeviceRow[] {
    return this.db
      .prepare(
        "SELECT device_id AS deviceId, store_id AS storeId, register_id AS registerId, revoked_at AS revokedAt, last_seen_at AS lastSeenAt FROM devices WHERE store_id = ? ORDER BY created_at",
      )
      .all(storeId) as DeviceRow[];
  }

  device(deviceId: string): DeviceRow | undefined {
    return this.db
      .prepare(
        "SELECT device_id AS deviceId, store_id AS storeId, register_id AS registerId, revoked_at AS revokedAt, last_seen_at AS lastSeenAt FROM devices WHERE device_id = ?",
      )
      .get(deviceId) as DeviceRow | undefined;
  }

  /** Of these devices, the ones revoked (by this process or another, e.g. the CLI). */
  revokedAmong(deviceIds: readonly string[]): string[] {
    const stmt = this.db.prepare("SELECT 1 FROM devices WHERE device_id = ? AND revoked_at IS NOT NULL");
    return deviceIds.filter((id) => stmt.get(id) !== undefined);
  }

  /**
   * SQLite's data_version: changes whenever *another* connection commits to relay.sqlite. Reading
   * it costs no I/O, so the relay can poll it to notice a revocation written by the CLI.
   */
  dataVersion(): number {
    return this.db.pragma("data_version", { simple: true }) as number;
  }

  touchDevice(deviceId: string, now: number): void {
    this.db.prepare("UPDATE devices SET last_seen_at = ? WHERE device_id = ?").run(now, deviceId);
  }

  revokeDevice(deviceId: string, now: number): boolean {
    return this.db.prepare("UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL").run(now, deviceId).changes > 0;
  }

  /** Records who owns a document the first time the relay sees it; later claims don't change it. */
  claimDocument(docId: string, owner: DocumentOwner, now: number): void {
    this.db
      .prepare("INSERT OR IGNORE INTO documents (doc_id, store_id, register_id, writable_by_registers, claimed_at) VALUES (?, ?, ?, ?, ?)")
      .run(docId, owner.storeId, owner.registerId, owner.writableByRegisters ? 1 : 0, now);
  }

  documentOwner(docId: string): DocumentOwner | undefined {
    const row = this.db.prepare("SELECT store_id AS storeId, register_id AS registerId, writable_by_registers AS shared FROM documents WHERE doc_id = ?").get(docId) as
      | { storeId: string; registerId: string | null; shared: number }
      | undefined;
    return row && { storeId: row.storeId, registerId: row.registerId, writableByRegisters: row.shared === 1 };
  }

  documentCountOfStore(storeId: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM documents WHERE store_id = ?").get(storeId) as { n: number }).n;
  }

  /** Row counts for operators (`kasa-relay stats`, /metrics). */
  counts(): { stores: number; registers: number; devices: number; revokedDevices: number; documents: number; owners: number } {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      stores: one("SELECT count(*) AS n FROM stores"),
      registers: one("SELECT count(*) AS n FROM registers"),
      devices: one("SELECT count(*) AS n FROM devices"),
      revokedDevices: one("SELECT count(*) AS n FROM devices WHERE revoked_at IS NOT NULL"),
      documents: one("SELECT count(*) AS n FROM documents"),
      owners: one("SELECT count(*) AS n FROM owners"),
    };
  }

  probeWritable(now: number): void {
    probeWritable(this.db, now);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  documentsOfStore(storeId: string): string[] {
    return (this.db.prepare("SELECT doc_id AS docId FROM documents WHERE store_id = ?").all(storeId) as { docId: string }[]).map((r) => r.docId);
  }

  allDocuments(): string[] {
    return (this.db.prepare("SELECT doc_id AS docId FROM documents").all() as { docId: string }[]).map((r) => r.docId);
  }

  createSession(ownerId: string, token: string, expiresAt: number): void {
    this.db.prepare("INSERT INTO sessions (token_hash, owner_id, expires_at) VALUES (?, ?, ?)").run(hashSecret(token), ownerId, expiresAt);
  }

  ownerOfSession(token: string, now: number): string | undefined {
    const row = this.db.prepare("SELECT owner_id AS ownerId, expires_at AS expiresAt FROM sessions WHERE token_hash = ?").get(hashSecret(token)) as
      | { ownerId: string; expiresAt: number }
      | undefined;
    return row && row.expiresAt > now ? row.ownerId : undefined;
  }

  deleteSession(token: string): void {
    this.db.prepare("DELETE FROM sessions WHERE token_hash = ?").run(hashSecret(token));
  }

  /** Renames a register of the store; false when the store has no such register. */
  renameRegister(storeId: string, registerId: string, name: string): boolean {
    return this.db.prepare("UPDATE registers SET name = ? WHERE register_id = ? AND store_id = ?").run(name, registerId, storeId).changes > 0;
  }

  /** Keeps only the latest report of each device. */
  recordDeviceReport(report: DeviceReport): void {
    this.db
      .prepare(
        `INSERT INTO device_reports (device_id, reported_at, unsynced_events, clock_skew_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET reported_at = excluded.reported_at, unsynced_events = excluded.unsynced_events, clock_skew_ms = excluded.clock_skew_ms`,
      )
      .run(report.deviceId, report.reportedAt, report.unsyncedEvents, report.clockSkewMs);
  }

  /** The latest report of each device of the store that has sent one. */
  deviceReports(storeId: string): Map<string, DeviceReport> {
    const rows = this.db
      .prepare(
        `SELECT r.device_id AS deviceId, r.reported_at AS reportedAt, r.unsynced_events AS unsyncedEvents, r.clock_skew_ms AS clockSkewMs
         FROM device_reports r JOIN devices d ON d.device_id = r.device_id WHERE d.store_id = ?`,
      )
      .all(storeId) as DeviceReport[];
    return new Map(rows.map((r) => [r.deviceId, r]));
  }
}

/** What a device last reported about itself (POST /api/device/status). */
export interface DeviceReport {
  readonly deviceId: string;
  /** Relay time the report arrived. */
  readonly reportedAt: number;
  /** Journal events the device had not yet seen acknowledged as durable. */
  readonly unsyncedEvents: number;
  /** Device clock minus relay clock when the report arrived (includes the one-way network delay). */
  readonly clockSkewMs: number;
}

/** "automerge:<id>" → "<id>". */
export function docIdOf(url: string): string {
  return url.startsWith("automerge:") ? url.slice("automerge:".length) : url;
}
