import type Database from "better-sqlite3";
import { recordCancellation } from "./cancellations.js";
import { tableExists } from "./reports-schema.js";

export interface ReceiptListEntry {
  readonly kind: "sale" | "refund";
  readonly eventId: string;
  readonly registerId: string;
  readonly number: string;
  readonly deviceTime: number;
  readonly receivedAt: number;
  readonly total: number;
  readonly currency: string;
  readonly paymentTypes: string;
  readonly cancelledAt: number | null;
  /** For a refund: the sale it refunds. */
  readonly saleEventId: string | null;
}

export interface ReceiptFilter {
  readonly registerId?: string;
  readonly kind?: "sale" | "refund";
  readonly start?: number;
  readonly end?: number;
  /** Receipt number, exact ("2-1008") — the back office's search box. */
  readonly number?: string;
  readonly before?: number;
  readonly limit: number;
}

/** Sales and refunds of a store, newest first, filtered; cancelled ones are listed, marked. */
export function listReceipts(db: Database.Database, storeId: string, f: ReceiptFilter): ReceiptListEntry[] {
  const where = ["store_id = ?", "device_time >= ?", "device_time < ?"];
  const args: (string | number)[] = [storeId, f.start ?? 0, Math.min(f.end ?? Number.MAX_SAFE_INTEGER, f.before ?? Number.MAX_SAFE_INTEGER)];
  if (f.registerId) (where.push("register_id = ?"), args.push(f.registerId));
  if (f.number) (where.push("number = ?"), args.push(f.number));
  const out: ReceiptListEntry[] = [];
  if (f.kind !== "refund") {
    out.push(
      ...(db
        .prepare(
          `SELECT 'sale' AS kind, event_id AS eventId, register_id AS registerId, number, device_time AS deviceTime, received_at AS receivedAt, total, currency,
                  payment_types AS paymentTypes, cancelled_at AS cancelledAt, NULL AS saleEventId
           FROM receipts WHERE ${where.join(" AND ")} ORDER BY device_time DESC, event_id DESC LIMIT ?`,
        )
        .all(...args, f.limit) as ReceiptListEntry[]),
    );
  }
  if (f.kind !== "sale" && tableExists(db, "refunds")) {
    out.push(
      ...(db
        .prepare(
          `SELECT 'refund' AS kind, f.event_id AS eventId, f.register_id AS registerId, f.number, f.device_time AS deviceTime, f.received_at AS receivedAt, f.total, f.currency,
                  (SELECT group_concat(DISTINCT json_extract(p.value, '$.type')) FROM json_each(f.payments_json) p) AS paymentTypes,
                  (SELECT cancelled_at FROM receipt_cancellations c WHERE c.event_id = f.event_id) AS cancelledAt, f.sale_event_id AS saleEventId
           FROM refunds f WHERE ${where.map((w) => `f.${w}`).join(" AND ")} ORDER BY f.device_time DESC, f.event_id DESC LIMIT ?`,
        )
        .all(...args, f.limit) as ReceiptListEntry[]),
    );
  }
  return out.sort((a, b) => b.deviceTime - a.deviceTime || (a.eventId < b.eventId ? 1 : -1)).slice(0, f.limit).map((r) => ({ ...r, paymentTypes: r.paymentTypes ?? "" }));
}

export interface RefundSummary {
  readonly eventId: string;
  readonly number: string;
  readonly deviceTime: number;
  readonly receivedAt: number;
  readonly total: number;
  readonly cancelledAt: number | null;
  readonly event: unknown;
}

export interface ReceiptDetail {
  readonly kind: "sale" | "refund";
  readonly eventId: string;
  readonly receivedAt: number;
  readonly cancellation: { readonly cancelledAt: number; readonly cancelledBy: string; readonly reason: string } | null;
  readonly event: unknown;
  readonly refunds: readonly RefundSummary[];
}

export function refundsOfSale(db: Database.Database, storeId: string, saleEventId: string): RefundSummary[] {
  if (!tableExists(db, "refunds")) return [];
  const rows = db
    .prepare(
      `SELECT f.event_id AS eventId, f.number, f.device_time AS deviceTime, f.received_at AS receivedAt, f.total, f.body,
              (SELECT cancelled_at FROM receipt_cancellations c WHERE c.event_id = f.event_id) AS cancelledAt
       FROM refunds f WHERE f.store_id = ? AND f.sale_event_id = ? ORDER BY f.device_time`,
    )
    .all(storeId, saleEventId) as (Omit<RefundSummary, "event"> & { body: string })[];
  return rows.map(({ body, ...r }) => ({ ...r, event: JSON.parse(body) as unknown }));
}

export function receiptDetail(db: Database.Database, storeId: string, eventId: string): ReceiptDetail | undefined {
  const cancellation = (db.prepare("SELECT cancelled_at AS cancelledAt, cancelled_by AS cancelledBy, reason FROM receipt_cancellations WHERE store_id = ? AND event_id = ?").get(storeId, eventId) ?? null) as ReceiptDetail["cancellation"];
  const sale = db.prepare("SELECT received_at AS receivedAt, body FROM receipts WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { receivedAt: number; body: string } | undefined;
  if (sale) return { kind: "sale", eventId, receivedAt: sale.receivedAt, cancellation, event: JSON.parse(sale.body) as unknown, refunds: refundsOfSale(db, storeId, eventId) };
  if (!tableExists(db, "refunds")) return undefined;
  const refund = db.prepare("SELECT received_at AS receivedAt, body FROM refunds WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { receivedAt: number; body: string } | undefined;
  return refund ? { kind: "refund", eventId, receivedAt: refund.receivedAt, cancellation, event: JSON.parse(refund.body) as unknown, refunds: [] } : undefined;
}

export type CancelResult = { ok: true; cancelledAt: number } | { ok: false; code: "NOT_FOUND" | "RECEIPT_ALREADY_CANCELLED" | "RECEIPT_HAS_REFUNDS" };

/**
 * Cancels a sale receipt (back office only, irreversible): recorded in `receipt_cancellations` (both files), and
 * mirrored onto the receipt, its lines and payments so reports, shifts and stock (sold quantities
 * come from `receipt_lines` without cancelled ones) leave it out. Refused while a refund of it stands.
 */
export function cancelReceipt(db: Database.Database, storeId: string, eventId: string, by: string, reason: string, now: number): CancelResult {
  return db.transaction((): CancelResult => {
    const row = db.prepare("SELECT cancelled_at AS cancelledAt FROM receipts WHERE store_id = ? AND event_id = ?").get(storeId, eventId) as { cancelledAt: number | null } | undefined;
    if (!row) return { ok: false, code: "NOT_FOUND" };
    if (row.cancelledAt !== null) return { ok: false, code: "RECEIPT_ALREADY_CANCELLED" };
    if (refundsOfSale(db, storeId, eventId).some((r) => r.cancelledAt === null)) return { ok: false, code: "RECEIPT_HAS_REFUNDS" };
    // Recorded in online.sqlite too (RL55): a rebuilt read model must not bring the receipt back.
    recordCancellation(db, { eventId, storeId, cancelledAt: now, cancelledBy: by, reason });
    return { ok: true, cancelledAt: now };
  })();
}

/** Quantity sold per item (milli-units) net of refunds, cancelled receipts excluded: what stock on hand subtracts. */
export function soldQuantities(db: Database.Database, storeId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of db.prepare("SELECT item_id AS itemId, sum(quantity_milli) AS q FROM receipt_lines WHERE store_id = ? AND cancelled = 0 GROUP BY item_id").all(storeId) as { itemId: string; q: number }[]) out.set(r.itemId, r.q);
  if (tableExists(db, "refunds")) {
    const rows = db
      .prepare(
        `SELECT json_extract(l.value, '$.itemId') AS itemId, sum(json_extract(l.value, '$.quantityMilli')) AS q FROM refunds f, json_each(f.body, '$.payload.refund.lines') l
         WHERE f.store_id = ? AND f.event_id NOT IN (SELECT event_id FROM receipt_cancellations WHERE store_id = ?) GROUP BY itemId`,
      )
      .all(storeId, storeId) as { itemId: string; q: number }[];
    for (const r of rows) out.set(r.itemId, (out.get(r.itemId) ?? 0) - r.q);
  }
  return out;
}
