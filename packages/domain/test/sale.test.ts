import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { completeSale, divRound, parseEvent, priceTicket, settle, minor, type ItemId } from "../src/index.js";
import { catalog, context } from "./fixtures.js";

const line = (itemId: string, quantityMilli: number) => ({ itemId: itemId as ItemId, quantityMilli });

describe("sale command", () => {
  test("D1 an empty sale and an unknown item are refused with a code", () => {
    expect(completeSale(context(), { lines: [], payments: [{ type: "card", amount: 1 }] })).toMatchObject({ ok: false, error: { code: "EMPTY_SALE" } });
    const r = completeSale(context(), { lines: [line("nope", 1000)], payments: [{ type: "card", amount: 1 }] });
    expect(r).toMatchObject({ ok: false, error: { code: "UNKNOWN_ITEM", path: "lines[0].itemId" } });
  });

  test.each([0, -1000, 1.5, Number.NaN])("D2 quantity %s is refused", (q) => {
    const r = completeSale(context(), { lines: [line("coffee", q)], payments: [{ type: "cash", received: 10_000 }] });
    expect(r).toMatchObject({ ok: false, error: { code: "LINE_QUANTITY_NOT_POSITIVE" } });
  });

  test("D2 a piece item takes whole pieces, a weighed item takes grams", () => {
    expect(priceTicket(catalog, [line("coffee", 1500)])).toMatchObject({ ok: false, error: { code: "LINE_QUANTITY_NOT_WHOLE" } });
    const r = priceTicket(catalog, [line("cheese", 250)]);
    expect(r.ok && r.value.total).toBe(1498); // 59.90 × 0.25 = 14.975 → 14.98 (D3 half away from zero)
  });

  test.each([
    [5, 2, 3],
    [4, 2, 2],
    [-5, 2, -3],
    [1, 3, 0],
    [2, 3, 1],
  ])("D3 divRound(%i, %i) = %i", (n, d, expected) => {
    expect(divRound(n, d)).toBe(expected);
  });

  test.each([
    // item, quantity, gross, tax, total  — D4/D5/D6 scenario table
    ["coffee", 1000, 1200, 224, 1200], // 12.00 incl. 23 % → pre-tax 9.76, tax 2.24
    ["bagel", 3000, 1950, 144, 1950], // 19.50 incl. 8 % → pre-tax 18.06, tax 1.44
    ["soda", 2000, 398, 35, 433], // 3.98 + 8.875 % = 0.353 → 0.35
    ["free", 1000, 0, 0, 0],
  ])("D4 D5 D6 %s × %i → gross %i, tax %i, total %i", (id, q, gross, tax, total) => {
    const r = priceTicket(catalog, [line(id, q)]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.subtotal).toBe(gross);
    expect(r.value.taxAdded + r.value.taxIncluded).toBe(tax);
    expect(r.value.total).toBe(total);
  });

  test("D5 the reference example: $20 with 6 % included gives $18.87 pre-tax and $1.13 tax", () => {
    const c = { ...catalog, taxes: { t6: { id: "t6", name: "6%", rateMilliPercent: 6_000, mode: "included" as const } } } as unknown as typeof catalog;
    const items = { x: { id: "x" as ItemId, name: "x", price: minor(2000), taxIds: ["t6"], soldBy: "each" as const } } as unknown as typeof catalog.items;
    const r = priceTicket({ ...c, items }, [line("x", 1000)]);
    expect(r.ok && r.value.taxIncluded).toBe(113);
  });

  test("D8 D9 cash gives change, card may not exceed, short payments are refused", () => {
    expect(settle(minor(1250), [{ type: "cash", received: 2000 }])).toEqual({
      ok: true,
      value: [{ type: "cash", amount: 1250, received: 2000, change: 750 }],
    });
    expect(settle(minor(1250), [{ type: "card", amount: 1300 }])).toMatchObject({ ok: false, error: { code: "PAYMENT_OVER" } });
    expect(settle(minor(1250), [{ type: "cash", received: 1000 }])).toMatchObject({ ok: false, error: { code: "PAYMENT_SHORT" } });
    expect(settle(minor(1250), [{ type: "card", amount: -5 }])).toMatchObject({ ok: false, error: { code: "PAYMENT_AMOUNT_INVALID" } });
    expect(settle(minor(1250), [])).toMatchObject({ ok: false, error: { code: "NO_PAYMENT" } });
    expect(settle(minor(1250), [{ type: "cash", received: 2000 }, { type: "card", amount: 1 }])).toMatchObject({
      ok: false,
      error: { code: "PAYMENT_OVER" },
    });
  });

  test("D11 the receipt is numbered <register>-<sequence>", () => {
    const r = completeSale(context(), { lines: [line("coffee", 1000)], payments: [{ type: "card", amount: 1200 }] });
    expect(r.ok && r.value.payload.receipt.number).toBe("2-1008");
  });
});

const lineArb = fc.record({ itemId: fc.constantFrom("coffee", "bagel", "soda", "free"), pieces: fc.integer({ min: 1, max: 50 }) });

describe("sale properties", () => {
  test("D7 totals equal the sum of the lines; D4 included taxes never change the total", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (lines) => {
        const r = priceTicket(catalog, lines.map((l) => line(l.itemId, l.pieces * 1000)));
        if (!r.ok) return false;
        const t = r.value;
        const lineSum = t.lines.reduce((s, l) => s + l.total, 0);
        const grossSum = t.lines.reduce((s, l) => s + l.gross, 0);
        return t.total === lineSum && t.subtotal === grossSum && t.total === t.subtotal + t.taxAdded && Number.isInteger(t.total);
      }),
    );
  });

  test("D9 D10 any paid sale produces an event that validates and whose payments sum to the total", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 100_000 }), (lines, extra) => {
        const ticket = priceTicket(catalog, lines.map((l) => line(l.itemId, l.pieces * 1000)));
        if (!ticket.ok) return false;
        const total = ticket.value.total;
        const payments = total === 0 ? [{ type: "cash" as const, received: 1 + extra }] : [{ type: "cash" as const, received: total + extra }];
        const sale = completeSale(context(), { lines: lines.map((l) => line(l.itemId, l.pieces * 1000)), payments });
        if (!sale.ok) return false;
        const receipt = sale.value.payload.receipt;
        const paid = receipt.payments.reduce((s, p) => s + p.amount, 0);
        return paid === receipt.total && parseEvent(JSON.parse(JSON.stringify(sale.value))).ok;
      }),
    );
  });

  test("D10 an event whose money does not add up, or that is malformed, is refused", () => {
    const sale = completeSale(context(), { lines: [line("coffee", 1000)], payments: [{ type: "card", amount: 1200 }] });
    if (!sale.ok) throw new Error("setup");
    const tampered = JSON.parse(JSON.stringify(sale.value));
    tampered.payload.receipt.total = 1;
    expect(parseEvent(tampered)).toMatchObject({ ok: false, error: { code: "INVALID_EVENT" } });
    expect(parseEvent(null)).toMatchObject({ ok: false, error: { code: "INVALID_EVENT" } });
    expect(parseEvent({ ...sale.value, type: "nope" })).toMatchObject({ ok: false, error: { code: "INVALID_EVENT" } });
    const floatMoney = JSON.parse(JSON.stringify(sale.value));
    floatMoney.payload.receipt.lines[0].gross = 12.5;
    expect(parseEvent(floatMoney)).toMatchObject({ ok: false, error: { code: "INVALID_EVENT" } });
  });
});
