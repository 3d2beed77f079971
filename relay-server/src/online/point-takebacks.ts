import type Database from "better-sqlite3";

/**
 * Refunds take back the loyalty points their sale earned on the refunded part (SPEC RL50).
 *
 * A sale with a customer earned E points on its total T; refunds of it, in the order the relay
 * received them, owe ⌊E × refunded-so-far / T⌋ minus what the earlier ones owed, so partial refunds
 * add up to exactly E on a full refund. What is taken is the owed amount but never more than the
 * customer's balance at that moment (points already spent stay spent; the balance stops at zero).
 * Each refund's take-back is recorded once, in `point_takebacks`, so it never changes afterwards
 * (a later sale's points are the customer's in full).
 */

interface PendingRefund {
  readonly refundId: string;
  readonly saleId: string;
  readonly refundTotal: number;
  readonly receivedAt: number;
  readonly customerId: string;
  readonly earned: number;
  readonly saleTotal: number;
}

/**
 * Records the take-back of every projected refund of `storeId` that has none yet. Run inside an
 * IMMEDIATE transaction (the balance it clamps against must not move meanwhile). Returns the
 * customers whose balance changed.
 */
export function settleRefundPoints(db: Database.Database, storeId: string, now: number, balance: (customerId: string) => number): string[] {
  const pending = db
    .prepare(
      `SELECT f.event_id AS refundId, f.sale_event_id AS saleId, f.total AS refundTotal, f.received_at AS receivedAt,
              json_extract(r.body, '$.payload.receipt.customerId') AS customerId,
              COALESCE(json_extract(r.body, '$.payload.receipt.pointsEarned'), 0) AS earned, r.total AS saleTotal
       FROM refunds f JOIN receipts r ON r.store_id = f.store_id AND r.event_id = f.sale_event_id
       WHERE f.store_id = ? AND json_extract(r.body, '$.payload.receipt.customerId') IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM point_takebacks t WHERE t.store_id = f.store_id AND t.refund_event_id = f.event_id)
       ORDER BY f.received_at, f.event_id`,
    )
    .all(storeId) as PendingRefund[];
  if (pending.length === 0) return [];
  const refundedBefore = db.prepare(
    `SELECT COALESCE(SUM(total), 0) AS n FROM refunds
     WHERE store_id = ? AND sale_event_id = ? AND (received_at < ? OR (received_at = ? AND event_id < ?))`,
  );
  const insert = db.prepare(
    "INSERT INTO point_takebacks (store_id, refund_event_id, sale_event_id, customer_id, owed, points, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const touched = new Set<string>();
  for (const f of pending) {
    const before = (refundedBefore.get(storeId, f.saleId, f.receivedAt, f.receivedAt, f.refundId) as { n: number }).n;
    const owed = pointsOwed(f.earned, f.saleTotal, before, f.refundTotal);
    const points = Math.min(owed, Math.max(0, balance(f.customerId)));
    insert.run(storeId, f.refundId, f.saleId, f.customerId, owed, points, now);
    if (points > 0) touched.add(f.customerId);
  }
  return [...touched];
}

/** Points a refund of `refund` owes when `before` of the sale's `total` was refunded already (pure). */
export function pointsOwed(earned: number, total: number, before: number, refund: number): number {
  if (earned <= 0 || total <= 0 || refund <= 0) return 0;
  const share = (refunded: number) => Math.floor((earned * Math.min(total, Math.max(0, refunded))) / total);
  return share(before + refund) - share(before);
}
