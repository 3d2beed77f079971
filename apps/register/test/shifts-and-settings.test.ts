import { describe, expect, test } from "vitest";
import { minor, type ShiftReport } from "@kasa/domain";
import type { RegisterSession, ShiftView } from "@kasa/sync";
import { initialLocale } from "../src/i18n/locale-choice.js";
import { errorText, knownText } from "../src/i18n/errors.js";
import { itemsLabel } from "../src/i18n/counts.js";
import { pluralOf } from "../src/i18n/active-locale.js";
import { parsePercent, parsePieces } from "../src/lib/amounts.js";
import { pageRule } from "../src/lib/print.js";
import { PreferencesModel } from "../src/state/preferences.js";
import { ShiftsModel } from "../src/state/shifts.js";
import { REJECTION_CODES } from "@kasa/domain";

const report = (o: Partial<ShiftReport> = {}) => ({ shiftId: "s1", openedAt: 1, expectedCash: minor(0), ...o }) as ShiftReport;

function fakeSession() {
  const calls: string[] = [];
  const listeners = new Set<() => void>();
  let history: ShiftView[] = [];
  const session = {
    subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    shiftHistory: async () => history,
    openShift: async (cash: number) => (calls.push(`open ${cash}`), { ok: true as const, value: report() }),
    moveCash: async (kind: string, amount: number, comment: string) =>
      amount > 0 ? (calls.push(`${kind} ${amount} ${comment}`), { ok: true as const, value: report() }) : { ok: false as const, error: { code: "CASH_AMOUNT_INVALID", message: "m" } },
    closeShift: async (counted: number) => (calls.push(`close ${counted}`), { ok: true as const, value: report({ countedCash: minor(counted), difference: minor(counted - 500) }) }),
  } as unknown as RegisterSession;
  return { session, calls, setHistory: (h: ShiftView[]) => (history = h), emit: () => listeners.forEach((l) => l()) };
}

describe("ShiftsModel", () => {
  test("D19 D21 D22 commands go to the session; a refusal keeps its code and the dialog open", async () => {
    const s = new ShiftsModel();
    const fake = fakeSession();
    s.attach(fake.session);
    expect(await s.open(minor(10000))).toBe(true);
    s.openDialog("pay-out");
    expect(await s.move("out", minor(0), "milk")).toBe(false);
    expect(s.error?.code).toBe("CASH_AMOUNT_INVALID");
    expect(s.dialog).toBe("pay-out");
    expect(await s.move("out", minor(500), "milk")).toBe(true);
    expect(s.dialog).toBeUndefined();
    expect(await s.close(minor(400))).toBe(true);
    expect(s.justClosed?.difference).toBe(-100);
    expect(fake.calls).toEqual(["open 10000", "out 500 milk", "close 400"]);
  });

  test("O2 the history is re-read when the session changes (a sync ack turns a shift Synced)", async () => {
    const s = new ShiftsModel();
    const fake = fakeSession();
    fake.setHistory([{ report: report(), synced: false }]);
    s.attach(fake.session);
    await s.reload();
    expect(s.history?.[0]?.synced).toBe(false);
    fake.setHistory([{ report: report(), synced: true }]);
    fake.emit();
    await s.reload();
    expect(s.history?.[0]?.synced).toBe(true);
    s.select("s1");
    expect(s.selected?.report.shiftId).toBe("s1");
  });
});

describe("settings, language, printing", () => {
  test("the language: remembered first, else the browser's, else English", () => {
    expect(initialLocale("pl", ["en-US"])).toBe("pl");
    expect(initialLocale(null, ["de-DE", "pl-PL"])).toBe("pl");
    expect(initialLocale("xx", ["de"])).toBe("en");
  });

  test("every domain rejection code has its own message (translated by id), unknown codes fall back", () => {
    for (const code of Object.values(REJECTION_CODES)) expect(knownText(code), code).toBeTypeOf("string");
    expect(errorText({ code: "SOMETHING_NEW", message: "Fallback" })).toBe("Fallback");
    expect(errorText({ code: "DISCOUNT_OVER_TOTAL", message: "x" })).toBe("The discount is larger than the ticket");
  });

  test("Polish plural forms pick the right message", () => {
    expect([1, 2, 5, 22, 1.5].map((n) => pluralOf(n, "pl"))).toEqual(["one", "few", "many", "few", "other"]);
    expect(itemsLabel(1)).toBe("1 item");
    expect(itemsLabel(3)).toBe("3 items");
  });

  test("percentages with up to 2 decimals in milli-percent; whole pieces", () => {
    expect(parsePercent("10")).toEqual({ ok: true, value: 10_000 });
    expect(parsePercent("12,5")).toEqual({ ok: true, value: 12_500 });
    expect(parsePercent("0.01 %")).toEqual({ ok: true, value: 10 });
    expect(parsePercent("1.234").ok).toBe(false);
    expect(parsePieces("3")).toEqual({ ok: true, value: 3000 });
    expect(parsePieces("0").ok).toBe(false);
    expect(parsePieces("1,5").ok).toBe(false);
  });

  test("the receipt's page is the roll's width and the receipt's length", () => {
    // 300 px of receipt ≈ 79.4 mm, plus the margins, rounded up to whole mm.
    expect(pageRule("80", 300)).toBe("@page { size: 80mm 88mm; margin: 4mm; }");
    expect(pageRule("58", 300)).toBe("@page { size: 58mm 90mm; margin: 5mm; }");
  });

  test("receipt paper width is remembered", () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const a = new PreferencesModel(storage);
    expect(a.paper).toBe("80");
    a.setPaper("58");
    expect(new PreferencesModel(storage).paper).toBe("58");
  });
});
