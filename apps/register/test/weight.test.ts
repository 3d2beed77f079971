import { describe, expect, test } from "vitest";
import { kilogramsInput, parseKilograms } from "../src/lib/weight.js";

describe("parseKilograms", () => {
  test.each([
    ["0.25", 250],
    ["0,250", 250],
    ["1", 1000],
    ["1.5", 1500],
    ["0.001", 1],
    [",5", 500],
    ["12.345", 12345],
  ])("%s kg → %i g", (text, grams) => {
    expect(parseKilograms(text)).toEqual({ ok: true, grams });
  });

  test.each(["0", "0.000", "", "-1", "0.0001", "abc", "1,2,3", "1001"])("refuses %j", (text) => {
    expect(parseKilograms(text).ok).toBe(false);
  });

  test("kilogramsInput", () => {
    expect(kilogramsInput(250)).toBe("0.250");
    expect(kilogramsInput(1500, ",")).toBe("1,500");
  });
});
