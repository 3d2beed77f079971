import type Database from "better-sqlite3";
import type { ReceiptEmailRequested, RefundCompleted } from "@kasa/domain";
import { releasedApprovalProblem } from "../online/refund-approval-expiry.js";

/**
 * Projection of refund receipts and e-receipt requests (SPEC RL15, RL16). Idempotent by event id.
 * A refund is projected only if the relay approved its request (online/refund approvals) for the
 * same sale and the same quantities, once; anything else goes to quarantine as REFUND_NOT_APPROVED.
 */
export function migrateRefunds(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS refunds (
      event_id TEXT PRIMARY KEY,
      doc_id TEXT NOT NULL,
      store_id TEXT NOT NULL,
      register_id TEXT NOT NULL,
      register_number INTEGER NOT NULL,
      sale_event_id TEXT NOT NULL,
      request_id TEXT NOT NULL,
      number TEXT NOT NULL,
      device_time INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      total INTEGER NOT NULL,
      gross INTEGER NOT NULL,
      discount INTEGER NOT NULL,
      tax INTEGER NOT NULL,
      currency TEXT NOT NULL,
      payments_json TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS refunds_by_request ON refunds(store_id, request_id);
    CREATE INDEX IF NOT EXISTS refunds_by_sale ON refunds(store_id, sale_event_id);
    CREATE INDEX IF NOT EXISTS refunds_by_store_time ON refunds(store_id, device_time);
    CREATE TABLE IF NOT EXISTS email_requests (
      event_id TEXT PRIMARY KEY,
      store_id TEXT NOT NULL,
      receipt_event_id TEXT NOT NULL,
      receipt_number TEXT NOT NULL,
      email TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'queued'
    );
    CREATE INDEX IF NOT EXISTS email_requests_by_state ON email_requests(state, requested_at);
  `);
}

export interface RefundRow {
  readonly eventId: string;
  readonly storeId: string;
  readonly registerId: string;
  readonly registerNumber: number;
  readonly saleEventId: string;
  readonly requestId: string;
  readonly number: string;
  readonly deviceTime: number;
  readonly receivedAt: number;
  readonly total: number;
}

/** Why a refund event may not be projected, or undefined when its request was approved for exactly this refund. */
export function refundProblem(db: Database.Database, event: RefundCompleted): { code: string; reason: string } | undefined {
  const f = event.payload.refund;
  const done = db.prepare("SELECT event_id AS eventId FROM refunds WHERE store_id = ? AND request_id = ?").get(event.storeId, f.requestId) as { eventId: string } | undefined;
  if (done && done.eventId !== event.id) return { code: "REFUND_NOT_APPROVED", reason: "the refund request was already used by another refund" };
  const approval = db
    .prepare("SELECT sale_event_id AS saleEventId, register_id AS registerId, lines_json AS lines FROM refund_approvals WHERE store_id = ? AND request_id = ?")
    .get(event.storeId, f.requestId) as { saleEventId: string; registerId: string; lines: string } | undefined;
  if (!approval) return { code: "REFUND_NOT_APPROVED", reason: "the relay never approved this refund request" };
  if (approval.saleEventId !== f.refundFor.eventId) return { code: "REFUND_NOT_APPROVED", reason: "the approval was for another sale" };
  if (approval.registerId !== event.registerId) return { code: "REFUND_NOT_APPROVED", reason: "the approval was for another register" };
  if (quantityKey(JSON.parse(approval.lines) as [number, number][]) !== quantityKey(f.lines.map((l) => [l.lineIndex, l.quantityMilli]))) {
    return { code: "REFUND_NOT_APPROVED", reason: "the refund's quantities differ from the approved ones" };
  }
  // An approval released as expired (RL51) still covers its refund if nobody was given the quantity since.
  return releasedApprovalProblem(db, event);
}

export function quantityKey(lines: readonly (readonly [number, number])[]): string {
  return [...lines].sort((a, b) => a[0] - b[0]).map(([i, q]) => `${i}:${q}`).join(",");
}

/** Inserts refunds (already checked by `refundProblem`); returns the rows that were new. */
export function addRefunds(db: Database.Database, docId: string, events: readonly RefundCompleted[], receivedAt: number): RefundRow[] {
  const insert = db.prepare(`INSERT OR IGNORE INTO refunds
    (event_id, doc_id, store_id, register_id, register_number, sale_event_id, request_id, number, device_time, received_at, total, gross, discount, tax, currency, payments_json, body)
    VALUES (@eventId, @docId, @storeId, @registerId, @registerNumber, @saleEventId, @requestId, @number, @deviceTime, @receivedAt, @total, @gross, @discount, @tax, @currency, @paymentsJson, @body)`);
  const added: RefundRow[] = [];
  db.transaction(() => {
    for (const e of events) {
      const f = e.payload.refund;
      const row: RefundRow = {
        eventId: e.id,
        storeId: e.storeId,
        registerId: e.registerId,
        registerNumber: f.registerNumber,
        saleEventId: f.refundFor.eventId,
        requestId: f.requestId,
        number: f.number,
        deviceTime: e.deviceTime,
        receivedAt,
        total: f.total,
      };
      const extra = { docId, gross: f.gross, discount: f.discountTotal, tax: f.taxAdded + f.taxIncluded, currency: f.currency, paymentsJson: JSON.stringify(f.payments), body: JSON.stringify(e) };
      if (insert.run({ ...row, ...extra }).changes > 0) added.push(row);
    }
  })();
  return added;
}

/** Queues e-receipt requests for the sender (state 'queued'); a replayed event changes nothing. */
export function addEmailRequests(db: Database.Database, events: readonly ReceiptEmailRequested[]): number {
  const insert = db.prepare(`INSERT OR IGNORE INTO email_requests (event_id, store_id, receipt_event_id, receipt_number, email, requested_at, state)
    VALUES (?, ?, ?, ?, ?, ?, 'queued')`);
  let n = 0;
  db.transaction(() => {
    for (const e of events) n += insert.run(e.id, e.storeId, e.payload.receiptEventId, e.payload.receiptNumber, e.payload.email, e.deviceTime).changes;
  })();
  return n;
}
