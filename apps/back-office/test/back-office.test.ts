import { describe, expect, test } from "vitest";
import type { Receipt } from "@kasa/domain";
import type { ReceiptRow, RegisterInfo } from "../src/api.js";
import { mergeReceipts, newestFirst, todaySummary } from "../src/receipt-list.js";
import { dayKey, money, paymentLabel, relativeTime, syncDelay } from "../src/store-format.js";
import { registerStatus } from "../src/register-status.js";
import { parseRoute, routeHash } from "../src/router.js";
import { receiptView } from "../src/receipt-view.js";

const row = (eventId: string, deviceTime: number, extra: Partial<ReceiptRow> = {}): ReceiptRow => ({
  eventId,
  registerId: "r1",
  registerNumber: 1,
  number: `1-${eventId}`,
  deviceTime,
  receivedAt: deviceTime + 500,
  total: 1000,
  subtotal: 1000,
  tax: 74,
  currency: "PLN",
  paymentTypes: "cash",
  lineCount: 1,
  ...extra,
});

// 2025-06-15 12:00 in Warsaw (UTC+2).
const NOON = Date.UTC(2025, 5, 15, 10, 0, 0);

describe("receipt list", () => {
  test("keeps newest first and drops duplicates", () => {
    const { rows, added } = mergeReceipts([row("b", 2000), row("a", 1000)], [row("c", 3000), row("b", 2000)], false);
    expect(rows.map((r) => r.eventId)).toEqual(["c", "b", "a"]);
    expect(added).toEqual(["c"]);
  });

  test("a late (offline) receipt goes in its place by device time", () => {
    const { rows } = mergeReceipts([row("c", 3000), row("a", 1000)], [row("b", 2000)], false);
    expect(rows.map((r) => r.eventId)).toEqual(["c", "b", "a"]);
  });

  test("leaves rows older than the loaded window to Load more", () => {
    const { rows, added } = mergeReceipts([row("c", 3000), row("b", 2000)], [row("a", 1000)], true);
    expect(rows.map((r) => r.eventId)).toEqual(["c", "b"]);
    expect(added).toEqual([]);
  });

  test("ties on device time break by event id, like the relay", () => {
    expect([row("a", 5), row("b", 5)].sort(newestFirst).map((r) => r.eventId)).toEqual(["b", "a"]);
  });

  test("today's summary uses the store's calendar day", () => {
    const lateYesterday = Date.UTC(2025, 5, 14, 21, 59); // 23:59 in Warsaw, the 14th
    const justAfterMidnight = Date.UTC(2025, 5, 14, 22, 1); // 00:01 in Warsaw, the 15th
    const s = todaySummary([row("n", NOON, { total: 2500 }), row("m", justAfterMidnight, { total: 1500 }), row("y", lateYesterday)], NOON, false);
    expect(s).toMatchObject({ count: 2, total: 4000, average: 2000, currency: "PLN", lastAt: NOON, partial: false });
  });

  test("summary is partial while today's receipts continue on unloaded pages", () => {
    expect(todaySummary([row("n", NOON)], NOON, true).partial).toBe(true);
    expect(todaySummary([row("n", NOON), row("y", NOON - 86_400_000)], NOON, true).partial).toBe(false);
  });
});

describe("store formats", () => {
  test("money in the store's locale", () => {
    expect(money(1234567, "PLN").replace(/\s/g, " ")).toBe("12 345,67 zł");
  });

  test("day key in Europe/Warsaw", () => {
    expect(dayKey(Date.UTC(2025, 0, 1, 23, 30))).toBe("2025-01-02");
  });

  test("delay hint only when the relay got the sale much later", () => {
    expect(syncDelay(0, 20_000)).toBeUndefined();
    expect(syncDelay(0, 3 * 60_000)).toBe("+3 min");
    expect(syncDelay(0, 80 * 60_000)).toBe("+1 h 20 min");
    expect(syncDelay(0, 26 * 3_600_000)).toBe("+1 d 2 h");
    expect(syncDelay(10_000, 0)).toBeUndefined();
  });

  test("relative times", () => {
    expect(relativeTime(NOON - 10_000, NOON)).toBe("just now");
    expect(relativeTime(NOON - 4 * 60_000, NOON)).toBe("4 min ago");
    expect(relativeTime(NOON - 3 * 3_600_000, NOON)).toBe("3 h ago");
    expect(relativeTime(NOON - 20 * 3_600_000, NOON)).toBe("yesterday at 16:00");
    expect(relativeTime(NOON - 3 * 86_400_000, NOON)).toBe("on 12.06.2025 at 12:00");
  });

  test("payment labels", () => {
    expect(paymentLabel("cash")).toBe("Cash");
    expect(paymentLabel("custom")).toBe("Other");
  });
});

describe("register status", () => {
  const reg = (devices: RegisterInfo["devices"]): RegisterInfo => ({ registerId: "r", number: 1, name: "Front", devices });
  test("never paired, paired, last seen, online; revoked devices don't count", () => {
    expect(registerStatus(reg([]))).toEqual({ kind: "never" });
    expect(registerStatus(reg([{ deviceId: "d", revoked: true, lastSeenAt: 5, online: false }]))).toEqual({ kind: "never" });
    expect(registerStatus(reg([{ deviceId: "d", revoked: false, lastSeenAt: null, online: false }]))).toEqual({ kind: "paired", devices: 1 });
    expect(
      registerStatus(
        reg([
          { deviceId: "d", revoked: false, lastSeenAt: 5, online: false },
          { deviceId: "e", revoked: false, lastSeenAt: 9, online: false },
        ]),
      ),
    ).toEqual({ kind: "seen", lastSeenAt: 9, devices: 2 });
    expect(registerStatus(reg([{ deviceId: "d", revoked: false, lastSeenAt: 5, online: true }]))).toEqual({ kind: "online", devices: 1 });
  });
});

describe("routes", () => {
  test("round trip", () => {
    for (const r of [{ page: "receipts" }, { page: "devices" }, { page: "receipts", eventId: "01abc-def" }] as const) {
      expect(parseRoute(routeHash(r))).toEqual(r);
    }
    expect(parseRoute("")).toEqual({ page: "receipts" });
    expect(parseRoute("#/nonsense")).toEqual({ page: "receipts" });
  });
});

describe("receipt view", () => {
  test("lists every discount once and names custom payments", () => {
    const r = {
      number: "1-1001",
      registerNumber: 1,
      sequence: 1001,
      currency: "PLN",
      lines: [
        {
          itemId: "latte",
          name: "Latte",
          variantName: "Large",
          modifiers: [{ modifierId: "m", optionId: "o", name: "Oat milk", price: 200 }],
          quantityMilli: 2000,
          unitPrice: 1700,
          gross: 3400,
          discounts: [
            { discountId: "staff", name: "Staff 10%", kind: "percentage", value: 10_000, amount: 340 },
            { discountId: "promo", name: "Promo", kind: "amount", value: 300, amount: 300 },
          ],
          net: 2760,
          taxes: [],
          total: 2760,
        },
      ],
      taxes: [{ taxId: "vat8", name: "VAT 8%", rateMilliPercent: 8000, mode: "included", amount: 204 }],
      subtotal: 3400,
      discounts: [{ discountId: "promo", name: "Promo", kind: "amount", value: 300, amount: 300 }],
      discountTotal: 640,
      taxAdded: 0,
      taxIncluded: 204,
      total: 2760,
      payments: [
        { type: "custom", amount: 760, name: "Voucher" },
        { type: "cash", amount: 2000, received: 5000, change: 3000 },
      ],
    } as unknown as Receipt;
    const v = receiptView(r);
    expect(v.lines[0]!.notes).toEqual(["Large", "Oat milk"]);
    expect(v.lines[0]!.discounts).toEqual([{ name: "Staff 10%", amount: 340 }]);
    expect(v.discounts).toEqual([
      { name: "Staff 10%", amount: 340 },
      { name: "Promo", amount: 300 },
    ]);
    expect(v.subtotal - v.discounts.reduce((s, d) => s + d.amount, 0)).toBe(v.total);
    expect(v.payments.map((p) => p.label)).toEqual(["Voucher", "Cash"]);
    expect(v.paidBy).toBe("voucher and cash");
  });
});
