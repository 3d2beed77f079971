import { describe, expect, test } from "vitest";
import { minor } from "@kasa/domain";
import { parsePoints, suggestedPoints, RedemptionAttempt, returnPoints, type PointsReleaser } from "../src/state/points-redemption.js";
import { CheckoutModel } from "../src/state/checkout.js";
import { SimulatedTerminal } from "../src/payments/simulated-terminal.js";
import { TicketModel } from "../src/state/ticket.js";
import { catalog, espresso } from "./fixtures.js";

describe("redeeming points on the charge screen (O7, D30)", () => {
  test("O7 points are a whole number above zero; the field offers the balance but never more than the ticket", () => {
    expect(parsePoints(" 120 ")).toEqual({ ok: true, value: 120 });
    for (const bad of ["", "0", "-5", "1.5", "12a", "9999999999"]) expect(parsePoints(bad)).toMatchObject({ ok: false, code: "POINTS_INVALID" });
    expect(suggestedPoints(45, 3900)).toBe(45);
    expect(suggestedPoints(5000, 3900)).toBe(3900);
    expect(suggestedPoints(-3, 3900)).toBe(0);
  });

  test("O7 a retry after a lost answer reuses the request id (the relay applies it once); an answer or other points start a new one", () => {
    let n = 0;
    const attempt = new RedemptionAttempt(() => `req-${++n}`);
    expect(attempt.requestIdFor("cus-1", 30)).toBe("req-1");
    attempt.settle({ ok: false, code: "NO_CONNECTION" });
    expect(attempt.requestIdFor("cus-1", 30)).toBe("req-1");
    expect(attempt.requestIdFor("cus-1", 40)).toBe("req-2");
    attempt.settle({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect(attempt.requestIdFor("cus-1", 40)).toBe("req-3");
    attempt.settle({ ok: true });
    expect(attempt.requestIdFor("cus-1", 40)).toBe("req-4");
  });

  test("D30 points worth more than the ticket are refused by the domain before the relay is asked; redeemed points lower the total and the amount due follows", () => {
    const ticket = new TicketModel();
    ticket.addPiece(espresso);
    const rules = { allowTaxToggle: false };
    const before = ticket.priced(catalog, rules);
    if (!before.ok) throw new Error(before.error.code);
    expect(ticket.tryPoints(catalog, rules, before.value.total + 1)).toMatchObject({ ok: false, error: { code: "DISCOUNT_OVER_TOTAL" } });
    expect(ticket.pointsRedeemed).toBeUndefined();
    const checkout = new CheckoutModel({ terminal: new SimulatedTerminal() });
    checkout.startCharge(before.value.total, "PLN", "pl-PL");
    ticket.setPointsRedeemed({ points: 30, redemptionId: "red-1" });
    const after = ticket.priced(catalog, rules);
    expect(after.ok && after.value.total).toBe(before.value.total - 30);
    expect(checkout.retotal(minor(before.value.total - 30))).toBe(true);
    expect(checkout.total).toBe(before.value.total - 30);
    expect(checkout.cashText).toBe(((before.value.total - 30) / 100).toFixed(2).replace(".", ","));
    // The sale must name the customer whose points were spent: another customer takes the points off (RL52 gives them back).
    ticket.clear();
    ticket.addPiece(espresso);
    expect(ticket.setCustomer("cus-1")).toBeUndefined();
    ticket.setPointsRedeemed({ points: 30, redemptionId: "red-2" });
    expect(ticket.setCustomer("cus-1")).toBeUndefined();
    expect(ticket.pointsRedeemed).toEqual({ points: 30, redemptionId: "red-2" });
    expect(ticket.setCustomer("cus-2")).toEqual({ points: 30, redemptionId: "red-2" });
    expect(ticket.customerId).toBe("cus-2");
    expect(ticket.pointsRedeemed).toBeUndefined();
    // In a split the total is planned already: no retotal.
    checkout.startSplit("cash");
    expect(checkout.retotal(minor(1))).toBe(false);
  });

  test("RL52 points a ticket gives up without a sale are handed back: Clear, or taking the customer off; never after a sale or a save, nor for a saved ticket's own redemption", () => {
    const abandoned: string[] = [];
    const ticket = new TicketModel();
    ticket.onPointsAbandoned = (r) => abandoned.push(`${r.redemptionId}:${r.points}`);
    // Cleared by the cashier.
    ticket.addPiece(espresso);
    ticket.setCustomer("cus-1");
    ticket.setPointsRedeemed({ points: 30, redemptionId: "red-1" });
    expect(ticket.discard()).toEqual({ points: 30, redemptionId: "red-1" });
    expect(ticket.isEmpty && ticket.customerId === undefined && ticket.pointsRedeemed === undefined).toBe(true);
    // The customer taken off, or another one attached.
    ticket.addPiece(espresso);
    ticket.setCustomer("cus-1");
    ticket.setPointsRedeemed({ points: 20, redemptionId: "red-2" });
    ticket.setCustomer(undefined);
    ticket.setCustomer("cus-1");
    ticket.setPointsRedeemed({ points: 10, redemptionId: "red-3" });
    ticket.setCustomer("cus-9");
    expect(abandoned).toEqual(["red-1:30", "red-2:20", "red-3:10"]);
    // A sale or a save clears the till but keeps the points (the receipt or the saved ticket carries them).
    ticket.setPointsRedeemed({ points: 5, redemptionId: "red-4" });
    ticket.clear();
    // Reopening a saved ticket with its redemption and clearing the till: the saved ticket still has it.
    ticket.loadSaved({ id: "t-1", name: "Table 1", comment: "" }, { lines: [{ lineId: "l1", itemId: espresso.id, quantityMilli: 1000 }], customerId: "cus-1", pointsRedeemed: { points: 7, redemptionId: "red-5" } });
    expect(ticket.discard()).toBeUndefined();
    // …but points redeemed after reopening it are not on the saved copy.
    ticket.loadSaved({ id: "t-1", name: "Table 1", comment: "" }, { lines: [{ lineId: "l1", itemId: espresso.id, quantityMilli: 1000 }], customerId: "cus-1" });
    ticket.setPointsRedeemed({ points: 8, redemptionId: "red-6" });
    expect(ticket.discard()).toEqual({ points: 8, redemptionId: "red-6" });
    // Taking the customer off a reopened ticket gives its points back too (saving it then drops them from the saved copy).
    ticket.loadSaved({ id: "t-2", name: "Table 2", comment: "" }, { lines: [{ lineId: "l1", itemId: espresso.id, quantityMilli: 1000 }], customerId: "cus-1", pointsRedeemed: { points: 9, redemptionId: "red-7" } });
    ticket.setCustomer(undefined);
    expect(abandoned).toEqual(["red-1:30", "red-2:20", "red-3:10", "red-6:8", "red-7:9"]);
  });

  test("RL52 giving points back: returned online, later when offline or failing (the relay releases them itself), used when a sale already carried them", async () => {
    const answering = (answer: Awaited<ReturnType<PointsReleaser["releasePoints"]>>): PointsReleaser & { asked: string[] } => {
      const asked: string[] = [];
      return { asked, releasePoints: (id) => (asked.push(id), Promise.resolve(answer)) };
    };
    const redemption = { points: 30, redemptionId: "red-1" };
    const online = answering({ ok: true, value: { balance: 80 } });
    expect(await returnPoints(online, redemption)).toEqual({ kind: "returned", points: 30, balance: 80 });
    expect(online.asked).toEqual(["red-1"]);
    expect(await returnPoints(answering({ ok: false, error: { code: "NO_CONNECTION" } }), redemption)).toEqual({ kind: "later", points: 30, code: "NO_CONNECTION" });
    expect(await returnPoints(answering({ ok: false, error: { code: "BAD_RESPONSE" } }), redemption)).toEqual({ kind: "later", points: 30, code: "BAD_RESPONSE" });
    expect(await returnPoints(answering({ ok: false, error: { code: "REDEMPTION_USED" } }), redemption)).toEqual({ kind: "used", points: 30 });
    expect(await returnPoints(answering({ ok: false, error: { code: "UNKNOWN_REDEMPTION" } }), redemption)).toEqual({ kind: "returned", points: 30 });
    const throwing: PointsReleaser = { releasePoints: () => Promise.reject(new TypeError("fetch failed")) };
    expect(await returnPoints(throwing, redemption)).toEqual({ kind: "later", points: 30, code: "TypeError" });
  });
});
