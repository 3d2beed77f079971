import { describe, expect, test } from "vitest";
import * as A from "@automerge/automerge";
import type { ItemId, RegisterId, StoreId } from "@kasa/domain";
import { chargeTicket, deleteTicket, initialTicketsDoc, readTickets, saveTicket, type Stored, type TicketsDoc } from "../src/index.js";

const A1 = "reg-a" as RegisterId;
const B1 = "reg-b" as RegisterId;
const line = (lineId: string, itemId: string, pieces: number, comment?: string) => ({ lineId, itemId: itemId as ItemId, quantityMilli: pieces * 1000, ...(comment ? { comment } : {}) });
const fresh = () => A.from<Stored<TicketsDoc>>(initialTicketsDoc("store" as StoreId) as never);

describe("open tickets document", () => {
  test("TK1 a saved ticket reads back in order", () => {
    const doc = A.change(fresh(), (d) => saveTicket(d, { id: "t1", name: "Table 4", comment: "window", lines: [line("l1", "tea", 2), line("l2", "cake", 1, "no cream")] }, A1, 100));
    const [t] = readTickets(doc);
    expect(t).toMatchObject({ id: "t1", name: "Table 4", comment: "window", status: "open", createdBy: "reg-a" });
    expect(t?.lines.map((l) => [l.lineId, l.itemId, l.quantityMilli, l.comment])).toEqual([
      ["l1", "tea", 2000, undefined],
      ["l2", "cake", 1000, "no cream"],
    ]);
  });

  test("TK2 TK3 two registers editing one ticket while apart: both edits survive, a removed line stays removed", () => {
    const base = A.change(fresh(), (d) => saveTicket(d, { id: "t1", name: "Table 4", comment: "", lines: [line("l1", "tea", 1), line("l2", "cake", 1)] }, A1, 100));
    // A adds a line and bumps tea; B removes cake and renames the ticket.
    const a = A.change(A.clone(base), (d) => saveTicket(d, { id: "t1", name: "Table 4", comment: "", lines: [line("l1", "tea", 3), line("l2", "cake", 1), line("l3", "juice", 1)] }, A1, 200));
    const b = A.change(A.clone(base), (d) => saveTicket(d, { id: "t1", name: "Table 4 + 5", comment: "", lines: [line("l1", "tea", 1)] }, B1, 201));
    const merged = readTickets(A.merge(a, b))[0]!;
    expect(merged.name).toBe("Table 4 + 5");
    expect(merged.lines.map((l) => [l.itemId, l.quantityMilli])).toEqual([
      ["tea", 3000],
      ["juice", 1000],
    ]);
  });

  test("TK3 a ticket deleted on one register while edited on another shows both the edit and the deletion", () => {
    const base = A.change(fresh(), (d) => saveTicket(d, { id: "t1", name: "T", comment: "", lines: [line("l1", "tea", 1)] }, A1, 100));
    const a = A.change(A.clone(base), (d) => saveTicket(d, { id: "t1", name: "T", comment: "", lines: [line("l1", "tea", 5)] }, A1, 200));
    const b = A.change(A.clone(base), (d) => void deleteTicket(d, "t1", B1, 201));
    const merged = readTickets(A.merge(a, b))[0]!;
    expect(merged.status).toBe("deleted");
    expect(merged.lines[0]?.quantityMilli).toBe(5000);
  });

  test("TK4 a ticket charged on two registers while apart is flagged, with both sales", () => {
    const base = A.change(fresh(), (d) => saveTicket(d, { id: "t1", name: "T", comment: "", lines: [line("l1", "tea", 1)] }, A1, 100));
    const a = A.change(A.clone(base), (d) => void chargeTicket(d, "t1", "sale-a", { registerId: A1, at: 300, receiptNumber: "1-1001" }));
    expect(readTickets(a)[0]?.status).toBe("charged");
    const b = A.change(A.clone(base), (d) => void chargeTicket(d, "t1", "sale-b", { registerId: B1, at: 301, receiptNumber: "2-1001" }));
    const merged = readTickets(A.merge(a, b))[0]!;
    expect(merged.status).toBe("charged-twice");
    expect(merged.charges.map((c) => c.receiptNumber).sort()).toEqual(["1-1001", "2-1001"]);
  });

  test("TK5 a saved ticket keeps its ticket discounts, switched-off taxes, customer and redeemed points; removing them on a later save sticks", () => {
    const full = { id: "t1", name: "T", comment: "", lines: [{ ...line("l1", "tea", 2), discountIds: ["staff" as never] }] };
    let doc = A.change(fresh(), (d) =>
      saveTicket(d, { ...full, discounts: [{ discountId: "open-amount" as never, value: 150 }, { discountId: "ten" as never }], disabledTaxIds: ["vat" as never], customerId: "cus-1", pointsRedeemed: { points: 40, redemptionId: "red-1" } }, A1, 100),
    );
    expect(readTickets(doc)[0]).toMatchObject({
      discounts: [{ discountId: "open-amount", value: 150 }, { discountId: "ten" }],
      disabledTaxIds: ["vat"],
      customerId: "cus-1",
      pointsRedeemed: { points: 40, redemptionId: "red-1" },
    });
    expect(readTickets(doc)[0]?.lines[0]?.discountIds).toEqual(["staff"]);
    // Another value for the open discount, one discount off, the customer detached, the line's discount removed.
    doc = A.change(doc, (d) => saveTicket(d, { ...full, lines: [line("l1", "tea", 2)], discounts: [{ discountId: "open-amount" as never, value: 200 }] }, A1, 200));
    const t = readTickets(doc)[0]!;
    expect(t.discounts).toEqual([{ discountId: "open-amount", value: 200 }]);
    expect(t.disabledTaxIds).toEqual([]);
    expect(t.customerId).toBeUndefined();
    expect(t.pointsRedeemed).toBeUndefined();
    expect(t.lines[0]?.discountIds).toBeUndefined();
  });

  test("TK5 a discount added on one register and the customer attached on another while apart both survive the merge", () => {
    const base = A.change(fresh(), (d) => saveTicket(d, { id: "t1", name: "T", comment: "", lines: [line("l1", "tea", 1)] }, A1, 100));
    const a = A.change(A.clone(base), (d) => saveTicket(d, { id: "t1", name: "T", comment: "", lines: [line("l1", "tea", 1)], discounts: [{ discountId: "ten" as never }] }, A1, 200));
    const b = A.change(A.clone(base), (d) => saveTicket(d, { id: "t1", name: "T", comment: "", lines: [line("l1", "tea", 1)], customerId: "cus-9" }, B1, 201));
    const merged = readTickets(A.merge(a, b))[0]!;
    expect(merged.discounts).toEqual([{ discountId: "ten" }]);
    expect(merged.customerId).toBe("cus-9");
  });

  test("TK5 a ticket saved before TK5 (no discounts map) reads with none and can be saved again", () => {
    let doc = A.change(fresh(), (d) => {
      (d.tickets as Record<string, unknown>)["old"] = { id: "old", name: "Old", comment: "", createdAt: 1, createdBy: "reg-a", updatedAt: 1, updatedBy: "reg-a", lines: {}, charges: {} };
    });
    expect(readTickets(doc)[0]).toMatchObject({ discounts: [], disabledTaxIds: [] });
    doc = A.change(doc, (d) => saveTicket(d, { id: "old", name: "Old", comment: "", lines: [line("l1", "tea", 1)], discounts: [{ discountId: "ten" as never }] }, A1, 5));
    expect(readTickets(doc)[0]?.discounts).toEqual([{ discountId: "ten" }]);
  });
});
