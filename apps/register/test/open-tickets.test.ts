import { describe, expect, test } from "vitest";
import { REJECTION_CODES, type Receipt, type RefundCompleted } from "@kasa/domain";
import { TicketModel } from "../src/state/ticket.js";
import {
  clockSkewWarning,
  freeTicketNames,
  looksLikeEmail,
  refundableLines,
  refundRequest,
  registerNumberOf,
  skewMinutes,
  sortTickets,
  stepRefund,
  stockWarnings,
  trackedItemIds,
  ticketAmount,
} from "../src/state/open-tickets.js";
import { knownText } from "../src/i18n/errors.js";
import { catalog, espresso, olives } from "./fixtures.js";

const ticket = (id: string, name: string, updatedAt: number, lines = [{ lineId: "l1", itemId: "espresso", quantityMilli: 1000 }]) => ({
  id,
  name,
  comment: "",
  updatedAt,
  createdBy: "reg-1",
  lines,
});

describe("open tickets (O8)", () => {
  test("predefined names taken by an open ticket are hidden, case-insensitively", () => {
    expect(freeTicketNames(["Table 1", "Table 2", "Bar"], ["table 1", "Anna"])).toEqual(["Table 2", "Bar"]);
  });

  test("sorted by name (numeric), amount (largest first) or time (newest first)", () => {
    const list = [ticket("a", "Table 10", 1), ticket("b", "Table 2", 3, [{ lineId: "x", itemId: "espresso", quantityMilli: 3000 }]), ticket("c", "Bar", 2)];
    const amount = (t: (typeof list)[number]) => ticketAmount(catalog, t);
    expect(sortTickets(list, "name", amount).map((t) => t.name)).toEqual(["Bar", "Table 2", "Table 10"]);
    expect(sortTickets(list, "amount", amount)[0]!.id).toBe("b");
    expect(sortTickets(list, "time", amount).map((t) => t.id)).toEqual(["b", "c", "a"]);
    expect(ticketAmount(catalog, list[1]!)).toBe(2700);
    expect(ticketAmount(catalog, ticket("z", "Gone", 1, [{ lineId: "q", itemId: "nope", quantityMilli: 1000 }]))).toBeUndefined();
  });

  test("the register that saved a ticket is named by its number", () => {
    expect(registerNumberOf({ "reg-1": { number: 1 } }, "reg-1")).toBe(1);
    expect(registerNumberOf({}, "reg-9")).toBeUndefined();
  });

  test("a saved ticket loads with its line ids; saving keeps them and gives new lines one; charging clears it", () => {
    const t = new TicketModel();
    t.loadSaved({ id: "t1", name: "Table 3", comment: "window" }, {
      lines: [
        { lineId: "L1", itemId: espresso.id, quantityMilli: 2000, comment: "hot" },
        { lineId: "L2", itemId: olives.id, quantityMilli: 250 },
      ],
    });
    expect(t.openTicket).toEqual({ id: "t1", name: "Table 3", comment: "window" });
    expect(t.lines).toHaveLength(2);
    t.increment(t.lines[0]!.key);
    t.updateLine(t.lines[0]!.key, { comment: "very hot" });
    t.addWeighed(olives, 100);
    const saved = t.savedLines(() => "NEW");
    expect(saved.map((l) => l.lineId)).toEqual(["L1", "L2", "NEW"]);
    expect(saved[0]).toMatchObject({ itemId: "espresso", quantityMilli: 3000, comment: "very hot" });
    // A second save does not renumber.
    expect(t.savedLines(() => "OTHER").map((l) => l.lineId)).toEqual(["L1", "L2", "NEW"]);
    t.clear();
    expect(t.openTicket).toBeUndefined();
    t.addPiece(espresso);
    t.markSaved({ id: "t2", name: "12:30", comment: "" });
    expect(t.openTicket?.id).toBe("t2");
  });
});

describe("open tickets keep discounts and the customer (TK5)", () => {
  test("TK5 saving then reopening a ticket keeps its ticket discounts, customer and redeemed points; its amount counts them", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    t.addPiece(espresso);
    t.addDiscount({ discountId: "manager" as never, value: 300 });
    t.addDiscount({ discountId: "staff" as never });
    t.setCustomer("cus-1");
    t.setPointsRedeemed({ points: 100, redemptionId: "red-1" });
    const content = t.savedContent(() => "L1");
    const total = t.priced(catalog);
    expect(total.ok).toBe(true);
    const reopened = new TicketModel();
    reopened.loadSaved({ id: "t1", name: "Table 1", comment: "" }, content);
    expect(reopened.discounts).toEqual(t.discounts);
    expect(reopened.customerId).toBe("cus-1");
    expect(reopened.pointsRedeemed).toEqual({ points: 100, redemptionId: "red-1" });
    expect(reopened.saleInput()).toMatchObject({ customerId: "cus-1", pointsRedeemed: { points: 100, redemptionId: "red-1" }, discounts: t.discounts });
    const again = reopened.priced(catalog);
    expect(again.ok && total.ok && again.value.total).toBe(total.ok ? total.value.total : -1);
    expect(ticketAmount(catalog, { id: "t1", name: "Table 1", comment: "", updatedAt: 1, createdBy: "r", ...content })).toBe(total.ok ? total.value.total : -1);
    reopened.clear();
    expect(reopened.customerId).toBeUndefined();
    expect(reopened.pointsRedeemed).toBeUndefined();
  });
});

describe("refunds (O6)", () => {
  const receipt = {
    lines: [
      { itemId: "espresso", name: "Espresso", quantityMilli: 3000, unitPrice: 900, gross: 2700, taxes: [], total: 2700 },
      { itemId: "olives", name: "Olives", quantityMilli: 250, soldBy: "weight", unitPrice: 6990, gross: 1748, taxes: [], total: 1748 },
    ],
  } as unknown as Receipt;
  const earlier = {
    type: "refund.completed",
    payload: { refund: { refundFor: { eventId: "sale-1" }, lines: [{ lineIndex: 0, quantityMilli: 1000 }], payments: [] } },
  } as unknown as RefundCompleted;

  test("what is left to refund counts earlier refunds of the same sale", () => {
    const lines = refundableLines(receipt, "sale-1", [earlier]);
    expect(lines.map((l) => [l.leftMilli, l.weighed])).toEqual([
      [2000, false],
      [250, true],
    ]);
    expect(refundableLines(receipt, "sale-2", [earlier])[0]!.leftMilli).toBe(3000);
  });

  test("pieces step by one within what is left; a weighed line is all or nothing", () => {
    const [pieces, weighed] = refundableLines(receipt, "sale-1", [earlier]);
    expect(stepRefund(pieces!, 0, 1)).toBe(1000);
    expect(stepRefund(pieces!, 2000, 1)).toBe(2000);
    expect(stepRefund(pieces!, 0, -1)).toBe(0);
    expect(stepRefund(weighed!, 0, 1)).toBe(250);
    expect(stepRefund(weighed!, 250, -1)).toBe(0);
  });

  test("the request holds only lines with a quantity, in line order", () => {
    expect(refundRequest(new Map([[1, 250], [0, 0], [2, 1000]]))).toEqual([
      { lineIndex: 1, quantityMilli: 250 },
      { lineIndex: 2, quantityMilli: 1000 },
    ]);
  });
});

describe("e-receipts, clock, messages", () => {
  test("e-mail check for the Send button", () => {
    expect(looksLikeEmail(" anna@example.com ")).toBe(true);
    expect(looksLikeEmail("anna@example")).toBe(false);
    expect(looksLikeEmail("")).toBe(false);
  });

  test("clock skew above 2 minutes warns (O12)", () => {
    expect(clockSkewWarning(undefined)).toBe(false);
    expect(clockSkewWarning(119_000)).toBe(false);
    expect(clockSkewWarning(-121_000)).toBe(true);
    expect(skewMinutes(-185_000)).toBe(3);
  });

  test("every code of the offline rules has a message", () => {
    const codes = [
      ...Object.values(REJECTION_CODES),
      "NO_CONNECTION",
      "REFUND_OVER_SOLD",
      "REFUND_WEIGHT_PARTIAL",
      "EMPTY_REFUND",
      "UNKNOWN_RECEIPT",
      "TICKET_NAME_INVALID",
      "TICKET_NOT_FOUND",
      "TICKETS_UNAVAILABLE",
      "UNSYNCED_DATA",
      "CUSTOMER_EMAIL_TAKEN",
      "INSUFFICIENT_POINTS",
    ];
    for (const code of codes) expect(knownText(code), code).toBeTypeOf("string");
  });
});

describe("stock (O11)", () => {
  test("items above their live stock warn; nothing without stock (offline)", () => {
    const lines = [
      { itemId: "espresso", quantityMilli: 2000 },
      { itemId: "espresso", quantityMilli: 1000 },
      { itemId: "olives", quantityMilli: 250 },
    ];
    expect(stockWarnings(lines, undefined, catalog)).toEqual([]);
    expect(stockWarnings(lines, { espresso: 2000, olives: 500 }, catalog)).toEqual([{ itemId: "espresso", name: "Espresso", wantedMilli: 3000, onHandMilli: 2000 }]);
    expect(stockWarnings(lines, { espresso: 3000 }, catalog)).toEqual([]);
  });

  test("only items with trackStock are asked for", () => {
    expect(trackedItemIds({ ...catalog, items: { ...catalog.items, espresso: { ...espresso, trackStock: true } } })).toEqual(["espresso"]);
    expect(trackedItemIds(catalog)).toEqual([]);
  });
});
