import { describe, expect, test } from "vitest";
import type { LocalReceipt, LocalRefund } from "@kasa/sync";
import { filterReceipts, filterRefunds } from "../src/lib/receipt-search.js";

// O13: Loyverse has no receipt search offline; the register searches its own receipts, offline too.

const sale = (number: string, names: string[], synced = false): LocalReceipt =>
  ({ synced, event: { id: `e-${number}`, payload: { receipt: { number, lines: names.map((name) => ({ name })) } } } }) as unknown as LocalReceipt;
const refund = (number: string, of: string, names: string[]): LocalRefund =>
  ({ synced: false, event: { id: `r-${number}`, payload: { refund: { number, refundFor: { number: of }, lines: names.map((name) => ({ name })) } } } }) as unknown as LocalRefund;

describe("receipts search on the device (O13)", () => {
  const receipts = [sale("1-1003", ["Espresso", "Croissant"]), sale("1-1004", ["Żurek"], true), sale("2-1003", ["Lemonade"])];

  test("O13 by number (part of it), by item name case- and accent-insensitively; empty shows all; nothing matching shows none", () => {
    const numbers = (q: string) => filterReceipts(receipts, q).map((r) => r.event.payload.receipt.number);
    expect(numbers("1-1003")).toEqual(["1-1003"]);
    expect(numbers("1003")).toEqual(["1-1003", "2-1003"]);
    expect(numbers(" croissant ")).toEqual(["1-1003"]);
    expect(numbers("ZUREK")).toEqual(["1-1004"]);
    expect(numbers("")).toEqual(["1-1003", "1-1004", "2-1003"]);
    expect(numbers("latte")).toEqual([]);
  });

  test("O13 refunds are found by their own number, their sale's number or an item name", () => {
    const refunds = [refund("1-1010", "1-1003", ["Espresso"]), refund("1-1011", "2-1003", ["Lemonade"])];
    const numbers = (q: string) => filterRefunds(refunds, q).map((r) => r.event.payload.refund.number);
    expect(numbers("1010")).toEqual(["1-1010"]);
    expect(numbers("2-1003")).toEqual(["1-1011"]);
    expect(numbers("espresso")).toEqual(["1-1010"]);
  });
});
