import { describe, expect, test } from "vitest";
import { choose, initialSelection, matchVariant, modifierSetsOf, needsOptions, optionChoices, ticketDiscounts, lineDiscounts } from "../src/lib/item-options.js";
import { findByCode, gridItems, searchItems } from "../src/lib/item-lookup.js";
import { ScanBuffer } from "../src/lib/scan-buffer.js";
import { catalog, espresso, latte, olives } from "./fixtures.js";

describe("item search and codes", () => {
  test("search by name (accents ignored), SKU or barcode, variants' codes included", () => {
    const items = Object.values(catalog.items);
    expect(searchItems(items, "caffe").map((i) => i.id)).toEqual(["latte"]);
    expect(searchItems(items, "esp-1").map((i) => i.id)).toEqual(["espresso"]);
    expect(searchItems(items, "590123").map((i) => i.id)).toEqual(["espresso"]);
    expect(searchItems(items, "200000000001").map((i) => i.id)).toEqual(["latte"]);
    expect(searchItems(items, "  ")).toHaveLength(3);
  });

  test("a code names an item, or a variant directly", () => {
    expect(findByCode(catalog, "5901234123457")).toEqual({ item: espresso });
    expect(findByCode(catalog, " esp-1 ")).toEqual({ item: espresso });
    expect(findByCode(catalog, "2000000000018")).toEqual({ item: latte, variantId: "latte-l-cow" });
    expect(findByCode(catalog, "999")).toBeUndefined();
  });

  test("the grid groups by category, then by name", () => {
    const withCategories = {
      ...catalog,
      categories: { b: { id: "b" as never, name: "Bakery" }, a: { id: "a" as never, name: "Coffee" } },
      items: { ...catalog.items, espresso: { ...espresso, categoryId: "a" as never }, olives: { ...olives, categoryId: "b" as never } },
    };
    expect(gridItems(withCategories, "").map((i) => i.id)).toEqual(["olives", "espresso", "latte"]);
    expect(gridItems(withCategories, "a").map((i) => i.id)).toEqual(["espresso"]);
  });
});

describe("variant and modifier choices", () => {
  test("D17 one value per option, each with the price it leads to", () => {
    const start = optionChoices(latte, {});
    expect(start.map((c) => c.name)).toEqual(["Size", "Milk"]);
    expect(start[0]!.values).toEqual([
      { value: "Regular", available: true, from: 1500 },
      { value: "Large", available: true, from: 1800 },
    ]);
    const large = choose(latte, {}, "Size", "Large");
    expect(optionChoices(latte, large)[1]!.values).toEqual([
      { value: "Cow", available: true, price: 1800 },
      { value: "Oat", available: true, price: 2000 },
    ]);
    expect(matchVariant(latte, large)).toBeUndefined();
    expect(matchVariant(latte, choose(latte, large, "Milk", "Oat"))?.id).toBe("latte-l-oat");
    expect(initialSelection(latte)).toEqual({});
  });

  test("a choice that leaves no variant drops the other option's value", () => {
    const partial = { ...latte, variants: latte.variants!.filter((v) => v.id !== "latte-s-oat") };
    const oat = choose(partial, { Size: "Regular" }, "Milk", "Oat");
    // Regular + Oat does not exist, and Oat leaves only Large: chosen for the cashier.
    expect(oat).toEqual({ Milk: "Oat", Size: "Large" });
  });

  test("which items ask first, their modifier sets, and which discounts go on a line", () => {
    expect(needsOptions(catalog, latte)).toBe(true);
    expect(needsOptions(catalog, espresso)).toBe(false);
    expect(modifierSetsOf(catalog, latte).map((m) => m.id)).toEqual(["extras"]);
    expect(lineDiscounts(catalog).map((d) => d.id)).toEqual(["staff"]);
    expect(ticketDiscounts(catalog).map((d) => d.id)).toEqual(["staff", "five-off", "manager"]);
  });
});

describe("barcode scanner", () => {
  test("fast keys ending with Enter are a scan", () => {
    const b = new ScanBuffer();
    let t = 1000;
    let code: string | undefined;
    for (const k of "5901234123457") code = b.key(k, (t += 8));
    expect(code).toBeUndefined();
    expect(b.key("Enter", (t += 8))).toBe("5901234123457");
  });

  test("a person typing, or pressing Enter, is not a scan; Shift between capitals is ignored", () => {
    const b = new ScanBuffer();
    let t = 0;
    for (const k of "abc") b.key(k, (t += 150));
    expect(b.key("Enter", (t += 150))).toBeUndefined();
    expect(b.key("Enter", (t += 5))).toBeUndefined();
    for (const k of ["Shift", "E", "Shift", "S", "P", "-", "1"]) b.key(k, (t += 5));
    expect(b.key("Enter", (t += 5))).toBe("ESP-1");
    // A slow start followed by a fast burst keeps only the burst.
    b.key("x", (t += 500));
    for (const k of "123") b.key(k, (t += 200));
    expect(b.key("Enter", (t += 5))).toBeUndefined();
  });
});
