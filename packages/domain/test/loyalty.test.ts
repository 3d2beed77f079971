import { describe, expect, test } from "vitest";
import { completeSale, parseEvent, pointsEarned, POINTS_DISCOUNT_ID, type ItemId } from "../src/index.js";
import { context } from "./fixtures.js";

const coffee = [{ itemId: "coffee" as ItemId, quantityMilli: 2000 }];

describe("loyalty", () => {
  test("D29 a sale with a customer earns ⌊total × rate⌋ points (default 1 %), also offline; none without a customer", () => {
    const r = completeSale(context(), { lines: coffee, payments: [{ type: "cash", received: 5000 }], customerId: "cust-1" });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.payload.receipt).toMatchObject({ total: 2400, customerId: "cust-1", pointsEarned: 24 });
    const five = completeSale(context({ loyaltyMilliPercent: 5_000 }), { lines: coffee, payments: [{ type: "cash", received: 5000 }], customerId: "cust-1" });
    expect(five.ok && five.value.payload.receipt.pointsEarned).toBe(120);
    const anon = completeSale(context(), { lines: coffee, payments: [{ type: "cash", received: 5000 }] });
    expect(anon.ok && anon.value.payload.receipt.pointsEarned).toBe(undefined);
    expect(pointsEarned(199)).toBe(1);
    expect(pointsEarned(99)).toBe(0);
    expect(pointsEarned(-5)).toBe(0);
    expect(parseEvent(JSON.parse(JSON.stringify(r.value)))).toMatchObject({ ok: true, value: { payload: { receipt: { customerId: "cust-1", pointsEarned: 24 } } } });
  });

  test("D30 redeemed points are an amount discount on the ticket (1 point = 1 minor unit); more than the ticket or without a reference is refused", () => {
    const r = completeSale(context(), { lines: coffee, payments: [{ type: "cash", received: 5000 }], customerId: "c", pointsRedeemed: { points: 400, redemptionId: "red-1" } });
    if (!r.ok) throw new Error(r.error.code);
    const receipt = r.value.payload.receipt;
    expect(receipt.total).toBe(2000);
    expect(receipt.discounts).toEqual([expect.objectContaining({ discountId: POINTS_DISCOUNT_ID, kind: "amount", amount: 400 })]);
    expect(receipt.pointsRedeemed).toEqual({ points: 400, redemptionId: "red-1" });
    expect(receipt.pointsEarned).toBe(20);
    expect(parseEvent(JSON.parse(JSON.stringify(r.value))).ok).toBe(true);
    const over = completeSale(context(), { lines: coffee, payments: [{ type: "cash", received: 5000 }], customerId: "c", pointsRedeemed: { points: 2401, redemptionId: "red-1" } });
    expect(over).toMatchObject({ ok: false, error: { code: "DISCOUNT_OVER_TOTAL" } });
    const zero = completeSale(context(), { lines: coffee, payments: [{ type: "cash", received: 5000 }], customerId: "c", pointsRedeemed: { points: 0, redemptionId: "red-1" } });
    expect(zero).toMatchObject({ ok: false, error: { code: "POINTS_INVALID" } });
    const noCustomer = completeSale(context(), { lines: coffee, payments: [{ type: "cash", received: 5000 }], pointsRedeemed: { points: 10, redemptionId: "red-1" } });
    expect(noCustomer).toMatchObject({ ok: false, error: { code: "POINTS_INVALID" } });
  });
});
