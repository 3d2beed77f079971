import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { NOTHING_REFUNDED, completeSale, refundSale, refundedSoFar, shiftReport, openShift, type EventId, type ItemId, type RefundCompleted, type SaleCompleted } from "../src/index.js";
import { context } from "./fixtures.js";

let n = 0;
const nextId = () => `01890a5d-ac96-774b-bcce-${String(++n).padStart(12, "0")}` as EventId;
const refundCtx = (sequence = 2000) => ({ ...context(), eventId: nextId(), sequence });

function sale(lines: { itemId: string; quantityMilli: number }[], payments = [{ type: "cash" as const, received: 1_000_000 }], shiftId?: string): SaleCompleted {
  const r = completeSale({ ...context(), eventId: nextId(), ...(shiftId ? { shiftId: shiftId as never } : {}) }, { lines: lines as never, payments });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe("refunds", () => {
  test("D26 more than sold (counting earlier refunds), a weighed line in part, or nothing at all is refused", () => {
    const s = sale([{ itemId: "coffee", quantityMilli: 2000 }, { itemId: "cheese", quantityMilli: 352 }]);
    const first = refundSale(refundCtx(), s, NOTHING_REFUNDED, { requestId: "r1", lines: [{ lineIndex: 0, quantityMilli: 1000 }] });
    if (!first.ok) throw new Error(first.error.code);
    const earlier = refundedSoFar(s.id, [first.value]);
    expect(refundSale(refundCtx(), s, earlier, { requestId: "r2", lines: [{ lineIndex: 0, quantityMilli: 2000 }] })).toMatchObject({ ok: false, error: { code: "REFUND_OVER_SOLD" } });
    expect(refundSale(refundCtx(), s, earlier, { requestId: "r2", lines: [{ lineIndex: 1, quantityMilli: 100 }] })).toMatchObject({ ok: false, error: { code: "REFUND_WEIGHT_PARTIAL" } });
    expect(refundSale(refundCtx(), s, earlier, { requestId: "r2", lines: [] })).toMatchObject({ ok: false, error: { code: "EMPTY_REFUND" } });
    expect(refundSale(refundCtx(), s, earlier, { requestId: "r2", lines: [{ lineIndex: 7, quantityMilli: 1000 }] })).toMatchObject({ ok: false, error: { code: "UNKNOWN_LINE" } });
    expect(refundSale(refundCtx(), s, earlier, { requestId: "r2", lines: [{ lineIndex: 0, quantityMilli: -1000 }] })).toMatchObject({ ok: false, error: { code: "LINE_QUANTITY_NOT_POSITIVE" } });
    expect(refundSale(refundCtx(), s, earlier, { requestId: "r2", lines: [{ lineIndex: 1, quantityMilli: 352 }] })).toMatchObject({ ok: true });
  });

  test("D27 the refund is its own receipt referencing the sale", () => {
    const s = sale([{ itemId: "coffee", quantityMilli: 1000 }]);
    const r = refundSale(refundCtx(2001), s, NOTHING_REFUNDED, { requestId: "req-1", lines: [{ lineIndex: 0, quantityMilli: 1000 }] });
    expect(r).toMatchObject({ ok: true, value: { type: "refund.completed", payload: { refund: { number: "2-2001", requestId: "req-1", refundFor: { eventId: s.id, number: "2-1008" }, total: 1200 } } } });
  });

  test("D25 refunding a sale in random steps nets to exactly zero, per line, per tax and per payment type", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ itemId: fc.constantFrom("coffee", "bagel", "soda"), pieces: fc.integer({ min: 1, max: 7 }) }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer(),
        (lines, cardPercent, seed) => {
          const priced = sale(lines.map((l) => ({ itemId: l.itemId, quantityMilli: l.pieces * 1000 })));
          const total = priced.payload.receipt.total;
          const card = Math.floor((total * cardPercent) / 100);
          const s = sale(lines.map((l) => ({ itemId: l.itemId, quantityMilli: l.pieces * 1000 })), [
            ...(card > 0 ? [{ type: "card" as const, amount: card }] : []),
            { type: "cash" as const, received: total - card },
          ] as never);
          let rnd = seed;
          const refunds: RefundCompleted[] = [];
          for (let guard = 0; guard < 100; guard++) {
            const done = refundedSoFar(s.id, refunds);
            const left = s.payload.receipt.lines.map((l, i) => ({ i, left: l.quantityMilli - (done.quantities.get(i) ?? 0) })).filter((x) => x.left > 0);
            if (left.length === 0) break;
            rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
            const pick = left[rnd % left.length]!;
            const qty = 1000 * (1 + (rnd % (pick.left / 1000)));
            const r = refundSale(refundCtx(), s, done, { requestId: `r${guard}`, lines: [{ lineIndex: pick.i, quantityMilli: qty }] });
            if (!r.ok) return false;
            refunds.push(r.value);
          }
          const sumOf = (f: (r: RefundCompleted) => number) => refunds.reduce((a, r) => a + f(r), 0);
          const byType = (type: string) => sumOf((r) => r.payload.refund.payments.filter((p) => p.type === type).reduce((a, p) => a + p.amount, 0));
          const paid = (type: string) => s.payload.receipt.payments.filter((p) => p.type === type).reduce((a, p) => a + p.amount, 0);
          const taxSale = s.payload.receipt.taxIncluded + s.payload.receipt.taxAdded;
          const taxRefund = sumOf((r) => r.payload.refund.taxIncluded + r.payload.refund.taxAdded);
          return sumOf((r) => r.payload.refund.total) === s.payload.receipt.total && byType("cash") === paid("cash") && byType("card") === paid("card") && taxRefund === taxSale && sumOf((r) => r.payload.refund.gross) === s.payload.receipt.subtotal;
        },
      ),
    );
  });

  test("D22 D23 refunds in a shift: refunds, cash refunds and expected cash", () => {
    const opened = openShift({}, { ...context(), eventId: nextId() }, { startingCash: 5_000 });
    if (!opened.ok) throw new Error("setup");
    const shiftId = opened.value.payload.shiftId;
    const s = sale([{ itemId: "coffee", quantityMilli: 2000 }], [{ type: "cash", received: 2_400 }], shiftId);
    const r = refundSale({ ...refundCtx(), shiftId }, s, NOTHING_REFUNDED, { requestId: "r", lines: [{ lineIndex: 0, quantityMilli: 1000 }] });
    if (!r.ok) throw new Error(r.error.code);
    const report = shiftReport(shiftId, [opened.value, s, r.value])!;
    expect(report).toMatchObject({ grossSales: 2_400, refunds: 1_200, netSales: 1_200, cashPayments: 2_400, cashRefunds: 1_200, expectedCash: 5_000 + 2_400 - 1_200 });
    expect(report.payments).toEqual([{ type: "cash", name: "Cash", amount: 1_200 }]);
  });
});

describe("e-receipts", () => {
  test("D28 a receipt e-mail request needs a plausible address", async () => {
    const { requestReceiptEmail } = await import("../src/index.js");
    const c = { storeId: "s" as never, registerId: "r" as never, eventId: nextId(), now: 1 };
    expect(requestReceiptEmail(c, { eventId: nextId(), number: "1-1001" }, " ann@example.com ")).toMatchObject({ ok: true, value: { payload: { email: "ann@example.com" } } });
    expect(requestReceiptEmail(c, { eventId: nextId(), number: "1-1001" }, "ann@")).toMatchObject({ ok: false, error: { code: "EMAIL_INVALID" } });
  });
});
