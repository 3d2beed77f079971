import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { closeShift, completeSale, moveCash, openShift, shiftReport, shiftStateOf, type EventId, type ItemId, type KasaEvent, type ShiftId } from "../src/index.js";
import { context } from "./fixtures.js";

let n = 0;
const ctx = (now = 1_764_000_000_000 + n) => ({ ...context(), eventId: `01890a5d-ac96-774b-bcce-${String(++n).padStart(12, "0")}` as EventId, now });
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

function shiftWith(cashSales: number[], cardSales: number[], moves: { kind: "in" | "out"; amount: number }[], startingCash = 10_000) {
  const opened = must(openShift({}, ctx(), { startingCash }));
  const state = shiftStateOf([opened]);
  const shiftId = opened.payload.shiftId;
  const events: KasaEvent[] = [opened];
  let seq = 1001;
  for (const pieces of cashSales) {
    events.push(must(completeSale({ ...ctx(), shiftId, sequence: seq++ }, { lines: [{ itemId: "coffee" as ItemId, quantityMilli: pieces * 1000 }], payments: [{ type: "cash", received: pieces * 1200 + 500 }] })));
  }
  for (const pieces of cardSales) {
    events.push(must(completeSale({ ...ctx(), shiftId, sequence: seq++ }, { lines: [{ itemId: "bagel" as ItemId, quantityMilli: pieces * 1000 }], payments: [{ type: "card", amount: pieces * 650 }] })));
  }
  for (const m of moves) events.push(must(moveCash(state, ctx(), { ...m, comment: "float" })));
  return { shiftId, state, events };
}

describe("shifts", () => {
  test("D19 D21 D22 commands refuse what can't happen", () => {
    const { state } = shiftWith([], [], []);
    expect(openShift(state, ctx(), { startingCash: 0 })).toMatchObject({ ok: false, error: { code: "SHIFT_ALREADY_OPEN" } });
    expect(openShift({}, ctx(), { startingCash: -1 })).toMatchObject({ ok: false, error: { code: "CASH_AMOUNT_INVALID" } });
    expect(moveCash({}, ctx(), { kind: "out", amount: 100, comment: "" })).toMatchObject({ ok: false, error: { code: "NO_OPEN_SHIFT" } });
    expect(moveCash(state, ctx(), { kind: "out", amount: -100, comment: "x" })).toMatchObject({ ok: false, error: { code: "CASH_AMOUNT_INVALID" } });
    expect(moveCash(state, ctx(), { kind: "out", amount: 0, comment: "x" })).toMatchObject({ ok: false, error: { code: "CASH_AMOUNT_INVALID" } });
    expect(closeShift({}, ctx(), { countedCash: 0, expectedCash: 0 })).toMatchObject({ ok: false, error: { code: "SHIFT_ALREADY_CLOSED" } });
  });

  test("D20 with shifts required, a sale needs an open shift", () => {
    const r = completeSale({ ...ctx(), shiftsRequired: true }, { lines: [{ itemId: "coffee" as ItemId, quantityMilli: 1000 }], payments: [{ type: "card", amount: 1200 }] });
    expect(r).toMatchObject({ ok: false, error: { code: "NO_OPEN_SHIFT" } });
  });

  test("D22 D23 a shift report: sales, payments, movements, expected cash and the difference at close", () => {
    const { shiftId, state, events } = shiftWith([1, 2], [3], [{ kind: "in", amount: 2_000 }, { kind: "out", amount: 500 }]);
    const before = shiftReport(shiftId, events)!;
    expect(before.expectedCash).toBe(10_000 + 3_600 + 2_000 - 500);
    const closed = must(closeShift(state, ctx(), { countedCash: 15_000, expectedCash: before.expectedCash }));
    const report = shiftReport(shiftId, [...events, closed])!;
    expect(report).toMatchObject({ grossSales: 3_600 + 1_950, discounts: 0, refunds: 0, netSales: 5_550, receipts: 3, paidIn: 2_000, paidOut: 500, countedCash: 15_000, difference: 15_000 - 15_100 });
    expect(report.payments).toEqual([
      { type: "cash", name: "Cash", amount: 3_600 },
      { type: "card", name: "Card", amount: 1_950 },
    ]);
    expect(shiftStateOf([...events, closed])).toEqual({});
  });

  test("D22 D23 expected cash = starting + cash payments − cash refunds + in − out, whatever the order of events", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 5 }),
        fc.array(fc.record({ kind: fc.constantFrom("in" as const, "out" as const), amount: fc.integer({ min: 1, max: 10_000 }) }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 100_000 }),
        (cash, card, moves, start) => {
          const { shiftId, events } = shiftWith(cash, card, moves, start);
          const r = shiftReport(shiftId, events)!;
          const shuffled = shiftReport(shiftId, [...events].reverse())!;
          const expected = start + cash.reduce((s, p) => s + p * 1200, 0) + moves.reduce((s, m) => s + (m.kind === "in" ? m.amount : -m.amount), 0);
          return r.expectedCash === expected && JSON.stringify(r) === JSON.stringify(shuffled) && r.netSales === r.grossSales - r.discounts - r.refunds;
        },
      ),
    );
  });

  test("D23 events of other shifts are ignored", () => {
    const a = shiftWith([1], [], []);
    const b = shiftWith([2], [], []);
    expect(shiftReport(a.shiftId, [...a.events, ...b.events])!.receipts).toBe(1);
    expect(shiftReport("nope" as ShiftId, a.events)).toBeUndefined();
  });
});
