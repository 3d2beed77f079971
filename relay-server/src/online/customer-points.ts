import type Database from "better-sqlite3";
import { REDEMPTION_HOLDS } from "./points-release.js";

/**
 * Read-only queries over the loyalty tables for the back office: every customer's balance at once
 * (the list) and one customer's points history (the detail). Same rule as OnlineService.balance
 * (RL36, RL50, RL52): points earned on projected sales naming the customer, minus points redeemed (and not released), minus
 * points taken back by refunds, so the history always adds up to the balance the registers see.
 */

/** Redemptions that still count (RL52: released ones gave their points back); a file without the column has none released. */
function holding(db: Database.Database): string {
  const released = (db.prepare("SELECT name FROM pragma_table_info('point_redemptions')").all() as { name: string }[]).some((c) => c.name === "released_at");
  return released ? `AND ${REDEMPTION_HOLDS}` : "";
}

/** `point_takebacks` comes with refund take-backs (RL50); a read model without it has none. */
function hasTakebacks(db: Database.Database): boolean {
  // Any schema: the table is in online.sqlite, attached to the read model's connection (RL55).
  return db.prepare("SELECT 1 FROM pragma_table_list WHERE type = 'table' AND name = 'point_takebacks'").get() !== undefined;
}

export interface PointsEntry {
  readonly kind: "earned" | "redeemed" | "taken-back";
  /** UTC ms: the sale's device time, or when the relay recorded the redemption or take-back. */
  readonly at: number;
  /** Positive for earned, negative for redeemed. */
  readonly points: number;
  /** The sale's (earned) or the refund's (taken back) event id and number. */
  readonly eventId?: string;
  readonly receiptNumber?: string;
}

/**
 * customerId → balance, for customers with any points activity in the store (or just `customerId`).
 * The one balance rule (OnlineService.balance uses it too). A cancelled sale earns nothing (RL63).
 */
export function balancesOfStore(db: Database.Database, storeId: string, customerId?: string): Map<string, number> {
  const one = customerId === undefined ? "" : " AND customer_id = ?";
  const takebacks = hasTakebacks(db);
  const rows = db
    .prepare(
      `SELECT customer_id AS customerId, SUM(points) AS points FROM (
         SELECT json_extract(body, '$.payload.receipt.customerId') AS customer_id, COALESCE(json_extract(body, '$.payload.receipt.pointsEarned'), 0) AS points
         FROM receipts WHERE store_id = ? AND cancelled_at IS NULL AND json_extract(body, '$.payload.receipt.customerId') IS NOT NULL
         UNION ALL
         SELECT p.customer_id, -p.points FROM point_redemptions p WHERE p.store_id = ? ${holding(db)}
         ${takebacks ? "UNION ALL SELECT customer_id, -points FROM point_takebacks WHERE store_id = ?" : ""}
       ) WHERE customer_id IS NOT NULL${one} GROUP BY customer_id`,
    )
    .all(...(takebacks ? [storeId, storeId, storeId] : [storeId, storeId]), ...(customerId === undefined ? [] : [customerId])) as { customerId: string; points: number }[];
  return new Map(rows.map((r) => [r.customerId, r.points]));
}

/** Newest first; sales that earned nothing are left out. */
export function pointsHistory(db: Database.Database, storeId: string, customerId: string, limit = 200): PointsEntry[] {
  const earned = db
    .prepare(
      `SELECT event_id AS eventId, number AS receiptNumber, device_time AS at, json_extract(body, '$.payload.receipt.pointsEarned') AS points
       FROM receipts WHERE store_id = ? AND cancelled_at IS NULL AND json_extract(body, '$.payload.receipt.customerId') = ? AND COALESCE(json_extract(body, '$.payload.receipt.pointsEarned'), 0) <> 0
       ORDER BY device_time DESC LIMIT ?`,
    )
    .all(storeId, customerId, limit) as { eventId: string; receiptNumber: string; at: number; points: number }[];
  const redeemed = db.prepare(`SELECT p.at, p.points FROM point_redemptions p WHERE p.store_id = ? AND p.customer_id = ? ${holding(db)} ORDER BY p.at DESC LIMIT ?`).all(storeId, customerId, limit) as {
    at: number;
    points: number;
  }[];
  const takenBack = hasTakebacks(db)
    ? (db
        .prepare(
          `SELECT t.at, t.points, t.refund_event_id AS eventId, f.number AS receiptNumber FROM point_takebacks t
           LEFT JOIN refunds f ON f.store_id = t.store_id AND f.event_id = t.refund_event_id
           WHERE t.store_id = ? AND t.customer_id = ? AND t.points <> 0 ORDER BY t.at DESC LIMIT ?`,
        )
        .all(storeId, customerId, limit) as { at: number; points: number; eventId: string; receiptNumber: string | null }[])
    : [];
  return [
    ...earned.map((e) => ({ kind: "earned" as const, at: e.at, points: e.points, eventId: e.eventId, receiptNumber: e.receiptNumber })),
    ...redeemed.map((r) => ({ kind: "redeemed" as const, at: r.at, points: -r.points })),
    ...takenBack.map((x) => ({ kind: "taken-back" as const, at: x.at, points: -x.points, eventId: x.eventId, ...(x.receiptNumber ? { receiptNumber: x.receiptNumber } : {}) })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
}
