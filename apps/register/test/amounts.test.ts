import { describe, expect, test } from "vitest";
import { minor } from "@kasa/domain";
import { decimalSeparator, formatMajorInput, parseMajorAmount, suggestedCash } from "../src/lib/amounts.js";

describe("parseMajorAmount", () => {
  test.each([
    ["50", 5000],
    ["50,5", 5050],
    ["23.50", 2350],
    ["0,01", 1],
    [",5", 50],
    ["1 234,56", 123456],
    ["007", 700],
  ])("PLN %s → %i minor units", (text, expected) => {
    expect(parseMajorAmount(text, "PLN")).toEqual({ ok: true, value: expected });
  });

  test("no float error: 0.29 is 29, not 28.999…", () => {
    expect(parseMajorAmount("0.29", "PLN")).toEqual({ ok: true, value: 29 });
    expect(parseMajorAmount("1.15", "EUR")).toEqual({ ok: true, value: 115 });
  });

  test.each(["", "abc", "1.2.3", "-5", "1,234", ".", "1e3"])("refuses %j", (text) => {
    expect(parseMajorAmount(text, "PLN").ok).toBe(false);
  });

  test("currencies without decimals", () => {
    expect(parseMajorAmount("1500", "JPY")).toEqual({ ok: true, value: 1500 });
    expect(parseMajorAmount("15.5", "JPY").ok).toBe(false);
  });

  test("too large", () => {
    expect(parseMajorAmount("99999999999999999", "PLN").ok).toBe(false);
  });
});

describe("formatMajorInput", () => {
  test("uses the locale's separator and integer arithmetic", () => {
    expect(formatMajorInput(minor(2350), "PLN", "pl-PL")).toBe("23,50");
    expect(formatMajorInput(minor(5), "USD", "en-US")).toBe("0.05");
    expect(formatMajorInput(minor(1500), "JPY", "ja-JP")).toBe("1500");
  });
  test("round-trips through the parser", () => {
    for (const amount of [0, 1, 99, 100, 12345, 4398]) {
      const text = formatMajorInput(minor(amount), "PLN", "pl-PL");
      expect(parseMajorAmount(text, "PLN")).toEqual({ ok: true, value: amount });
    }
  });
  test("decimalSeparator", () => {
    expect(decimalSeparator("pl-PL")).toBe(",");
    expect(decimalSeparator("en-US")).toBe(".");
  });
});

describe("suggestedCash", () => {
  test("exact first, then the next round amounts", () => {
    expect(suggestedCash(minor(2350), "PLN")).toEqual([2350, 2400, 2500, 3000, 4000]);
    expect(suggestedCash(minor(4398), "PLN")).toEqual([4398, 4400, 4500, 5000, 6000]);
  });
  test("a round total skips amounts equal to it", () => {
    expect(suggestedCash(minor(2000), "PLN")).toEqual([2000, 5000, 10000, 20000, 50000]);
  });
  test("no duplicates, ascending", () => {
    for (const total of [1, 99, 101, 999, 12345, 99999]) {
      const s = suggestedCash(minor(total), "PLN");
      expect(s[0]).toBe(total);
      expect([...s].sort((a, b) => a - b)).toEqual(s);
      expect(new Set(s).size).toBe(s.length);
    }
  });
});
