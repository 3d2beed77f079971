import type Database from "better-sqlite3";
import { OnlineError } from "./online-error.js";

/**
 * Redeemed points that no sale used go back to the customer (SPEC RL52).
 *
 * A redemption spends points at the relay before the sale exists: the cashier may then clear the
 * ticket, take the customer off it, or never finish the sale. The register releases such a
 * redemption by its request id (`POST /api/device/points/release`); one it could not release
 * (offline, crashed) is released once `ttlMs` has passed with no sale carrying it. A redemption
 * that a sale projected on the relay carries (`pointsRedeemed.redemptionId`) is never released,
 * and a sale that arrives after its redemption was released still stands: the redemption counts
 * again (the points were given on a real receipt), even if that takes the balance below zero.
 */

/** SQL: the redemption id a receipt's body carries (indexed, see migrateRedemptionRelease). */
const redemptionOf = (body: string) => `json_extract(${body}, '$.payload.receipt.pointsRedeemed.redemptionId')`;

/** SQL: the redemption (aliased `p`) still holds its points — not released, or a projected sale carries it. */
export const REDEMPTION_HOLDS = `(p.released_at IS NULL OR EXISTS (SELECT 1 FROM receipts s WHERE s.store_id = p.store_id AND ${redemptionOf("s.body")} = p.request_id))`;

/** Adds `released_at` and an index to find the sale carrying a redemption; run by migrateOnline. */
export function migrateRedemptionRelease(db: Database.Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('point_redemptions')").all() as { name: string }[];
  // No columns: the table is not on this connection (the read model's, when online.sqlite isn't attached).
  if (columns.length > 0 && !columns.some((c) => c.name === "released_at")) db.exec("ALTER TABLE point_redemptions ADD COLUMN released_at INTEGER");
  const receipts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'receipts'").get();
  if (receipts) db.exec(`CREATE INDEX IF NOT EXISTS receipts_by_redemption ON receipts(store_id, ${redemptionOf("body")}) WHERE ${redemptionOf("body")} IS NOT NULL`);
}

export interface RedemptionRow {
  readonly customerId: string;
  readonly points: number;
  readonly at: number;
  readonly releasedAt: number | null;
}

export function redemption(db: Database.Database, storeId: string, requestId: string): RedemptionRow | undefined {
  return db
    .prepare("SELECT customer_id AS customerId, points, at, released_at AS releasedAt FROM point_redemptions WHERE store_id = ? AND request_id = ?")
    .get(storeId, requestId) as RedemptionRow | undefined;
}

/** A sale carrying this redemption is in the read model (it reached the relay, durably). */
export function redemptionUsed(db: Database.Database, storeId: string, requestId: string): boolean {
  return db.prepare(`SELECT 1 FROM receipts WHERE store_id = ? AND ${redemptionOf("body")} = ?`).get(storeId, requestId) !== undefined;
}

/**
 * Releases one redemption (idempotent: releasing it again answers the same). Unknown (or another
 * store's) → 404 UNKNOWN_REDEMPTION; a projected sale carries it → 409 REDEMPTION_USED. Run inside
 * an IMMEDIATE transaction.
 */
export function releaseRedemption(db: Database.Database, storeId: string, requestId: string, now: number): RedemptionRow & { releasedAt: number } {
  const row = redemption(db, storeId, requestId);
  if (!row) throw new OnlineError(404, "UNKNOWN_REDEMPTION", "No points redemption with this id in this store");
  if (redemptionUsed(db, storeId, requestId)) throw new OnlineError(409, "REDEMPTION_USED", "A sale that reached the relay used these points; refund the sale instead");
  if (row.releasedAt !== null) return { ...row, releasedAt: row.releasedAt };
  db.prepare("UPDATE point_redemptions SET released_at = ? WHERE store_id = ? AND request_id = ?").run(now, storeId, requestId);
  return { ...row, releasedAt: now };
}

/**
 * Releases the store's redemptions that no projected sale carries `ttlMs` after they were made.
 * Returns the customers whose balance went up. 0 = never. Run inside an IMMEDIATE transaction.
 */
export function releaseExpiredRedemptions(db: Database.Database, storeId: string, now: number, ttlMs: number): string[] {
  if (ttlMs <= 0) return [];
  const expired = db
    .prepare(
      `SELECT p.request_id AS requestId, p.customer_id AS customerId FROM point_redemptions p
       WHERE p.store_id = ? AND p.released_at IS NULL AND p.at <= ?
         AND NOT EXISTS (SELECT 1 FROM receipts s WHERE s.store_id = p.store_id AND ${redemptionOf("s.body")} = p.request_id)`,
    )
    .all(storeId, now - ttlMs) as { requestId: string; customerId: string }[];
  const release = db.prepare("UPDATE point_redemptions SET released_at = ? WHERE store_id = ? AND request_id = ?");
  for (const e of expired) release.run(now, storeId, e.requestId);
  return [...new Set(expired.map((e) => e.customerId))];
}
