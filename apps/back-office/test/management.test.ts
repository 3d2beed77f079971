import { describe, expect, test } from "vitest";
import { LIST_SPECS, amountToMinor, newEntryId, percentToMilli } from "../src/catalog-lists.js";
import { clockIsOff, clockSkewText } from "../src/device-report.js";
import { parseRoute, routeHash } from "../src/router.js";

describe("catalog list forms (back office)", () => {
  test("rates and amounts become integers: milli-percent and minor units; anything else is refused", () => {
    expect(percentToMilli("23")).toBe(23_000);
    expect(percentToMilli("8,875")).toBe(8_875);
    expect(percentToMilli("12.5")).toBe(12_500);
    expect(percentToMilli("-1")).toBeUndefined();
    expect(percentToMilli("1e2")).toBeUndefined();
    expect(amountToMinor("12,50")).toBe(1_250);
    expect(amountToMinor("0.005")).toBeUndefined();
  });

  test("RL44 drafts become the entries the relay expects, or a message", () => {
    expect(LIST_SPECS.taxes.toEntry({ name: "VAT 0%", rate: "0", mode: "included" })).toEqual({ name: "VAT 0%", rateMilliPercent: 0, mode: "included" });
    expect(typeof LIST_SPECS.taxes.toEntry({ name: "Odd", rate: "150", mode: "added" })).toBe("string");
    expect(LIST_SPECS.discounts.toEntry({ name: "Student", kind: "percentage", value: "12,5" })).toEqual({ name: "Student", kind: "percentage", value: 12_500 });
    expect(LIST_SPECS.discounts.toEntry({ name: "Manager", kind: "amount", value: "" })).toEqual({ name: "Manager", kind: "amount" });
    expect(LIST_SPECS.discounts.toEntry({ name: "Five", kind: "amount", value: "5" })).toEqual({ name: "Five", kind: "amount", value: 500 });
    expect(typeof LIST_SPECS.discounts.toEntry({ name: "Too much", kind: "percentage", value: "101" })).toBe("string");
    expect(LIST_SPECS.paymentTypes.toEntry({ name: "Terminal", kind: "card", integrated: true })).toEqual({ name: "Terminal", kind: "card", integrated: true });
    expect(LIST_SPECS.paymentTypes.toEntry({ name: "Voucher", kind: "custom", integrated: true })).toEqual({ name: "Voucher", kind: "custom" });
    expect(typeof LIST_SPECS.categories.toEntry({ name: "  ", color: "#000000" })).toBe("string");
    // Editing shows what is stored, in the form's units.
    expect(LIST_SPECS.discounts.draftOf({ id: "d", name: "Five", kind: "amount", value: 500 }, "PLN")).toEqual({ name: "Five", kind: "amount", value: "5,00" });
  });

  test("new ids are readable and unique", () => {
    expect(newEntryId("Gift voucher", new Set())).toBe("gift-voucher");
    expect(newEntryId("Gift voucher", new Set(["gift-voucher", "gift-voucher-2"]))).toBe("gift-voucher-3");
    expect(newEntryId("Zniżka łączona", new Set())).toBe("znizka-laczona");
    expect(newEntryId("!!!", new Set())).toBe("entry");
  });
});

describe("device status (back office)", () => {
  test("RL38 clock skew reads as ahead or behind; under 2 s is in sync; past 2 min is flagged", () => {
    expect(clockSkewText(1_500)).toBe("Clock in sync");
    expect(clockSkewText(4_500)).toBe("Clock 4.5 s ahead");
    expect(clockSkewText(-185_000)).toBe("Clock 3 min behind");
    expect(clockSkewText(2 * 3_600_000)).toBe("Clock 2 h ahead");
    expect(clockIsOff({ reportedAt: 0, unsyncedEvents: 0, clockSkewMs: -119_000 })).toBe(false);
    expect(clockIsOff({ reportedAt: 0, unsyncedEvents: 0, clockSkewMs: 120_000 })).toBe(true);
  });

  test("customer and catalog routes round-trip through the hash", () => {
    for (const hash of ["#/customers", "#/customers/cus-1", "#/categories", "#/taxes", "#/discounts", "#/payment-types", "#/ticket-names"]) expect(routeHash(parseRoute(hash))).toBe(hash);
  });
});
