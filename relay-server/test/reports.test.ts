import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { completeSale, priceTicket, type ItemId, type RegisterId, type SaleCompleted, type ShiftId, type StoreId, type KasaEvent } from "@kasa/domain";
import { ReadModel } from "../src/read-model/read-model.js";
import { migrateRefunds } from "../src/read-model/refunds.js";
import { addShiftEvents, listShifts, type ShiftEvent } from "../src/read-model/shifts.js";
import { resolvePeriod, salesSummary, salesByItem, salesByPaymentType, salesByCategory, buckets } from "../src/read-model/reports.js";
import { cancelReceipt, listReceipts, receiptDetail, soldQuantities } from "../src/read-model/reports-receipts.js";
import { DEMO_STORE } from "../src/index.js";
import { items, nextSeq, sale } from "./support/sales.js";
import { tempDir } from "./support/relay-fixture.js";

const TZ = "Europe/Warsaw";
const STORE = "store-1" as StoreId;
const REG = "reg-1" as RegisterId;
/** The refunds table as the device-API side creates it. */
function refundsTable(rm: ReadModel): void {
  migrateRefunds(rm.db);
}

function addRefund(rm: ReadModel, of: SaleCompleted, at: number): string {
  const r = of.payload.receipt;
  const id = randomUUID();
  const line = r.lines[0]!;
  const body = { id, type: "refund.completed", storeId: STORE, registerId: REG, deviceTime: at, schema: 1, payload: { refund: { number: `1-${nextSeq()}`, shiftId: r.shiftId, gross: r.subtotal, discountTotal: 0, taxAdded: r.taxAdded, taxIncluded: r.taxIncluded, total: r.total, payments: r.payments, lines: [{ itemId: line.itemId, name: line.name, quantityMilli: line.quantityMilli, gross: line.gross, discount: 0, total: line.total, taxes: line.taxes, lineIndex: 0 }], refundFor: { eventId: of.id, number: r.number, registerId: REG } } } };
  rm.db.prepare("INSERT INTO refunds (event_id, doc_id, store_id, register_id, register_number, sale_event_id, request_id, number, device_time, received_at, total, gross, discount, tax, currency, payments_json, body) VALUES (?, 'doc', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)").run(id, STORE, REG, of.id, randomUUID(), body.payload.refund.number, at, at, r.total, r.subtotal, r.taxAdded + r.taxIncluded, r.currency, JSON.stringify(r.payments), JSON.stringify(body));
  return id;
}

async function readModel(): Promise<ReadModel> {
  return new ReadModel(join(await tempDir("kasa-reports-"), "read_model.sqlite"));
}

describe("report periods in the store's time zone", () => {
  test("spring forward (last Sunday of March, Warsaw): today has 23 hourly buckets and sales land in the right local hour", async () => {
    const now = Date.parse("2026-03-29T10:00:00Z");
    const p = resolvePeriod("today", now, TZ);
    expect(p.current.start).toBe(Date.parse("2026-03-28T23:00:00Z"));
    expect(p.current.end).toBe(Date.parse("2026-03-29T22:00:00Z"));
    const bs = buckets(p.current, "hour", TZ);
    expect(bs).toHaveLength(23);
    expect(bs.map((b) => b.label).slice(0, 4)).toEqual(["00:00", "01:00", "03:00", "04:00"]);

    const rm = await readModel();
    const early = sale(Date.parse("2026-03-29T00:30:00Z")); // 01:30 CET
    const late = sale(Date.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    const before = sale(Date.parse("2026-03-28T22:59:00Z")); // 23:59 the day before
    rm.addReceipts("doc", [early, late, before], now);
    const s = salesSummary(rm.db, STORE, p, TZ);
    expect(s.current.receipts).toBe(2);
    expect(s.previous.receipts).toBe(1);
    expect(s.series[1]!.netSales).toBe(early.payload.receipt.subtotal);
    expect(s.series[2]!.netSales).toBe(late.payload.receipt.subtotal);
    expect(s.series.reduce((n, b) => n + b.netSales, 0)).toBe(s.current.netSales);
    rm.close();
  });

  test("fall back (last Sunday of October, Warsaw): 25 hourly buckets, 02:00 twice; yesterday and week/month boundaries", async () => {
    const now = Date.parse("2026-10-25T12:00:00Z");
    const p = resolvePeriod("today", now, TZ);
    expect(p.current.start).toBe(Date.parse("2026-10-24T22:00:00Z"));
    expect(p.current.end).toBe(Date.parse("2026-10-25T23:00:00Z"));
    const bs = buckets(p.current, "hour", TZ);
    expect(bs).toHaveLength(25);
    expect(bs.filter((b) => b.label === "02:00")).toHaveLength(2);
    const y = resolvePeriod("yesterday", now, TZ);
    expect(y.current.end - y.current.start).toBe(24 * 3_600_000);
    const w = resolvePeriod("week", now, TZ); // Sunday → the week began Monday 19th
    expect(w.current.start).toBe(Date.parse("2026-10-18T22:00:00Z"));
    expect(w.current.end).toBe(Date.parse("2026-10-25T23:00:00Z"));
    const m = resolvePeriod("month", now, TZ);
    expect(m.current.start).toBe(Date.parse("2026-09-30T22:00:00Z"));
    expect(m.current.end).toBe(Date.parse("2026-10-31T23:00:00Z"));
    expect(buckets(m.current, "day", TZ)).toHaveLength(31);

    const rm = await readModel();
    const first = sale(Date.parse("2026-10-25T00:30:00Z")); // 02:30 CEST
    const second = sale(Date.parse("2026-10-25T01:30:00Z")); // 02:30 CET
    rm.addReceipts("doc", [first, second], now);
    const s = salesSummary(rm.db, STORE, p, TZ);
    expect(s.series[2]!.receipts).toBe(1);
    expect(s.series[3]!.receipts).toBe(1);
    expect(s.series[2]!.label).toBe("02:00");
    expect(s.series[3]!.label).toBe("02:00");
    rm.close();
  });
});

describe("sales reports", () => {
  test("net = gross − discounts − refunds; by item, category and payment type; cancelled receipts excluded; cancel refused while refunded", async () => {
    const rm = await readModel();
    refundsTable(rm);
    const t = Date.parse("2026-06-10T10:00:00Z");
    const a = sale(t, { qty: 2, type: "cash" });
    const b = sale(t + 60_000, { itemIndex: 1, type: "card" });
    const c = sale(t + 120_000, { qty: 3, type: "card" });
    rm.addReceipts("doc", [a, b, c], t);
    addRefund(rm, b, t + 180_000);
    const p = resolvePeriod("today", t, TZ);

    const before = salesSummary(rm.db, STORE, p, TZ).current;
    const gross = [a, b, c].reduce((n, s) => n + s.payload.receipt.subtotal, 0);
    expect(before.grossSales).toBe(gross);
    expect(before.refunds).toBe(b.payload.receipt.subtotal);
    expect(before.netSales).toBe(gross - before.discounts - before.refunds);
    expect(before.receipts).toBe(3);
    expect(before.refundReceipts).toBe(1);

    expect(cancelReceipt(rm.db, STORE, b.id, "owner", "", t)).toEqual({ ok: false, code: "RECEIPT_HAS_REFUNDS" });
    expect(cancelReceipt(rm.db, STORE, "nope", "owner", "", t)).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(cancelReceipt(rm.db, STORE, c.id, "owner", "mistake", t)).toEqual({ ok: true, cancelledAt: t });
    expect(cancelReceipt(rm.db, STORE, c.id, "owner", "", t)).toEqual({ ok: false, code: "RECEIPT_ALREADY_CANCELLED" });

    const after = salesSummary(rm.db, STORE, p, TZ).current;
    expect(after.receipts).toBe(2);
    expect(after.grossSales).toBe(gross - c.payload.receipt.subtotal);

    const byItem = salesByItem(rm.db, STORE, p.current.start, p.current.end, DEMO_STORE.catalog);
    const first = byItem.find((i) => i.itemId === items[0]!.id)!;
    expect(first.quantityMilli).toBe(2000); // c (3 pcs) cancelled
    const second = byItem.find((i) => i.itemId === items[1]!.id)!;
    expect(second.netSales).toBe(0); // sold and refunded
    expect(salesByCategory(byItem, DEMO_STORE.catalog).reduce((n, x) => n + x.netSales, 0)).toBe(after.netSales);
    const pay = salesByPaymentType(rm.db, STORE, p.current.start, p.current.end);
    expect(pay.find((x) => x.type === "cash")!.amount).toBe(a.payload.receipt.total);
    expect(pay.find((x) => x.type === "card")!.netAmount).toBe(0);

    // Stock: cancelled quantities come back.
    expect(soldQuantities(rm.db, STORE).get(items[0]!.id)).toBe(2000);

    const list = listReceipts(rm.db, STORE, { limit: 10 });
    expect(list.map((r) => r.kind)).toEqual(["refund", "sale", "sale", "sale"]);
    expect(list.find((r) => r.eventId === c.id)!.cancelledAt).toBe(t);
    expect(listReceipts(rm.db, STORE, { limit: 10, kind: "refund" })).toHaveLength(1);
    // A receipt deleted from the read model and projected again counts once (rollup, lines, payments).
    const summaryBefore = salesSummary(rm.db, STORE, p, TZ).current;
    rm.db.prepare("DELETE FROM receipts WHERE event_id = ?").run(a.id);
    expect(salesSummary(rm.db, STORE, p, TZ).current.receipts).toBe(summaryBefore.receipts - 1);
    rm.addReceipts("doc", [a], t);
    expect(salesSummary(rm.db, STORE, p, TZ).current).toEqual(summaryBefore);
    expect(salesByItem(rm.db, STORE, p.current.start, p.current.end, DEMO_STORE.catalog).find((i) => i.itemId === items[0]!.id)!.quantityMilli).toBe(2000);
    const detail = receiptDetail(rm.db, STORE, b.id)!;
    expect(detail.refunds).toHaveLength(1);
    expect(detail.receivedAt).toBe(t);
    rm.close();
  });

  test("shift events are projected idempotently and the shift report excludes cancelled receipts", async () => {
    const rm = await readModel();
    const t = Date.parse("2026-06-10T08:00:00Z");
    const shiftId = randomUUID();
    const env = (id: string, at: number) => ({ id, storeId: STORE, registerId: REG, deviceTime: at, schema: 1 });
    const opened = { ...env(shiftId, t), type: "shift.opened", payload: { shiftId, startingCash: 10_000 } } as unknown as ShiftEvent;
    const moved = { ...env(randomUUID(), t + 1000), type: "shift.cash-moved", payload: { shiftId, kind: "in", amount: 500, comment: "change" } } as unknown as ShiftEvent;
    const s1 = sale(t + 2000, { shiftId, type: "cash" });
    const s2 = sale(t + 3000, { shiftId, type: "cash" });
    const closed = { ...env(randomUUID(), t + 4000), type: "shift.closed", payload: { shiftId, countedCash: 0, expectedCash: 0, difference: 0 } } as unknown as ShiftEvent;
    expect(addShiftEvents(rm.db, "doc", [opened, moved, closed], t)).toBe(3);
    expect(addShiftEvents(rm.db, "doc", [opened, moved, closed], t)).toBe(0);
    rm.addReceipts("doc", [s1, s2], t);
    cancelReceipt(rm.db, STORE, s2.id, "owner", "", t);
    const [shift] = listShifts(rm.db, STORE, { limit: 10 });
    expect(shift!.report.receipts).toBe(1);
    expect(shift!.report.expectedCash).toBe(10_000 + 500 + s1.payload.receipt.total);
    expect(shift!.closedAt).toBe(t + 4000);
    expect(rm.knownEventIds("doc").has(shiftId)).toBe(true);
    void ([] as KasaEvent[]);
    rm.close();
  });
});
