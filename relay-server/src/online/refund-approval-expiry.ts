import type Database from "better-sqlite3";
import type { RefundCompleted, SaleCompleted } from "@kasa/domain";

/**
 * Refund approvals that were never used expire (SPEC RL51). A register writes its refund receipt
 * right after the relay approves it; an approval with no refund receipt after `ttlMs` means the
 * register never got the answer or gave up (crash, closed dialog), and it would otherwise hold the
 * quantities forever. Released approvals stop counting against the sale, so the quantity can be
 * refunded again; a request id whose approval was released is refused (REFUND_APPROVAL_EXPIRED)
 * instead of being replayed. An approval whose refund receipt the relay has never expires.
 */

/** SQL: the approval (aliased `a`) still holds its quantities — not released, or its refund arrived. */
export const APPROVAL_HOLDS = `(a.released_at IS NULL OR EXISTS (SELECT 1 FROM refunds f WHERE f.store_id = a.store_id AND f.request_id = a.request_id))`;

/**
 * Releases the expired, unused approvals of a sale and the one under `requestId` (a retry of an
 * expired request must not be replayed). Returns how many were released. 0 = expiry off.
 */
export function releaseExpiredApprovals(db: Database.Database, storeId: string, of: { saleEventId: string; requestId: string }, now: number, ttlMs: number): number {
  if (ttlMs <= 0) return 0;
  return db
    .prepare(
      `UPDATE refund_approvals AS a SET released_at = ?
       WHERE a.store_id = ? AND (a.sale_event_id = ? OR a.request_id = ?) AND a.released_at IS NULL AND a.approved_at <= ?
         AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.store_id = a.store_id AND f.request_id = a.request_id)`,
    )
    .run(now, storeId, of.saleEventId, of.requestId, now - ttlMs).changes;
}

/** The request's approval was released (it expired unused): a retry under this id is refused. */
export function approvalReleased(db: Database.Database, storeId: string, requestId: string): boolean {
  // `*`: the projector may ask before OnlineService has added the column to an older file.
  const row = db.prepare("SELECT * FROM refund_approvals WHERE store_id = ? AND request_id = ?").get(storeId, requestId) as { released_at?: number | null } | undefined;
  return row?.released_at !== undefined && row.released_at !== null;
}

/**
 * For the projection: a refund receipt that arrives after its approval was released still stands
 * if its quantities are still free (nobody was given them since); otherwise it would refund beyond
 * what was sold, and it is quarantined with REFUND_APPROVAL_EXPIRED.
 */
export function releasedApprovalProblem(db: Database.Database, event: RefundCompleted): { code: string; reason: string } | undefined {
  const f = event.payload.refund;
  if (!approvalReleased(db, event.storeId, f.requestId)) return undefined;
  const sale = db.prepare("SELECT body FROM receipts WHERE store_id = ? AND event_id = ?").get(event.storeId, f.refundFor.eventId) as { body: string } | undefined;
  if (!sale) return { code: "REFUND_APPROVAL_EXPIRED", reason: "the approval expired and the sale is not in the read model" };
  const sold = (JSON.parse(sale.body) as SaleCompleted).payload.receipt.lines.map((l) => l.quantityMilli);
  const held = new Map<number, number>();
  const others = db
    .prepare(`SELECT a.lines_json AS lines FROM refund_approvals a WHERE a.store_id = ? AND a.sale_event_id = ? AND a.request_id <> ? AND ${APPROVAL_HOLDS}`)
    .all(event.storeId, f.refundFor.eventId, f.requestId) as { lines: string }[];
  for (const row of others) for (const [index, qty] of JSON.parse(row.lines) as [number, number][]) held.set(index, (held.get(index) ?? 0) + qty);
  for (const l of f.lines) {
    if ((held.get(l.lineIndex) ?? 0) + l.quantityMilli > (sold[l.lineIndex] ?? 0)) {
      return { code: "REFUND_APPROVAL_EXPIRED", reason: "the approval expired unused and its quantity was refunded again" };
    }
  }
  return undefined;
}
