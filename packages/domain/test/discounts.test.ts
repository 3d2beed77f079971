import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { evenSplit, allocate, minor, priceTicket, type Catalog, type DiscountId, type ItemId, type TaxId, type VariantId, type ModifierId } from "../src/index.js";
import { catalog as base, item, vat23, salesTax } from "./fixtures.js";

const catalog: Catalog = {
  ...base,
  items: {
    ...base.items,
    latte: {
      ...item("latte", 1500, [vat23.id]),
      options: ["Size", "Milk"],
      variants: [
        { id: "small-cow" as VariantId, values: { Size: "Small", Milk: "Cow" } },
        { id: "large-oat" as VariantId, values: { Size: "Large", Milk: "Oat" }, price: minor(1900) },
      ],
      modifierIds: ["extras" as ModifierId],
    },
    burger: item("burger", 2500, [salesTax.id]),
  },
  modifiers: { extras: { id: "extras" as ModifierId, name: "Extras", options: [{ id: "shot", name: "Extra shot", price: minor(300) }, { id: "syrup", name: "Syrup", price: minor(200) }] } },
  discounts: {
    p10: { id: "p10" as DiscountId, name: "10 %", kind: "percentage", value: 10_000 },
    p25: { id: "p25" as DiscountId, name: "25 %", kind: "percentage", value: 25_000 },
    a5: { id: "a5" as DiscountId, name: "5.00 off", kind: "amount", value: 500 },
    open: { id: "open" as DiscountId, name: "Manager", kind: "amount" },
    openPct: { id: "openPct" as DiscountId, name: "Manager %", kind: "percentage" },
  },
};

const L = (itemId: string, pieces = 1, extra: object = {}) => ({ itemId: itemId as ItemId, quantityMilli: pieces * 1000, ...extra });
const D = (id: string, value?: number) => ({ discountId: id as DiscountId, ...(value === undefined ? {} : { value }) });

describe("discounts, variants, modifiers", () => {
  test.each([
    // name, lines, ticket discounts, expected subtotal, discountTotal, taxAdded, taxIncluded, total
    ["D14 included VAT, 10 % on the item", [L("coffee", 1, { discountIds: ["p10"] })], [], 1200, 120, 0, 202, 1080],
    ["D14 included VAT, 10 % then 25 % on the item (ascending)", [L("coffee", 2, { discountIds: ["p25", "p10"] })], [], 2400, 780, 0, 303, 1620],
    ["D15 included VAT, 5.00 off the ticket over two lines", [L("coffee"), L("bagel")], [D("a5")], 1850, 500, 0, 199, 1350],
    ["D6 added tax, 10 % off the ticket", [L("burger", 2)], [D("p10")], 5000, 500, 399, 0, 4899],
    ["D14 amount and percentage on the ticket: the smaller applies first", [L("burger", 2)], [D("p10"), D("a5")], 5000, 950, 359, 0, 4409],
    ["D16 value entered at sale", [L("coffee")], [D("open", 199)], 1200, 199, 0, 187, 1001],
    ["D16 100 % off", [L("coffee")], [D("openPct", 100_000)], 1200, 1200, 0, 0, 0],
  ] as const)("%s", (_name, lines, discounts, subtotal, discountTotal, taxAdded, taxIncluded, total) => {
    const r = priceTicket(catalog, lines as never, { discounts: discounts as never });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    expect({ subtotal: r.value.subtotal, discountTotal: r.value.discountTotal, taxAdded: r.value.taxAdded, taxIncluded: r.value.taxIncluded, total: r.value.total }).toEqual({
      subtotal,
      discountTotal,
      taxAdded,
      taxIncluded,
      total,
    });
  });

  test("D17 variant price and modifier options make the unit price", () => {
    const r = priceTicket(catalog, [L("latte", 1, { variantId: "large-oat", modifierOptions: ["extras:shot", "extras:syrup"] })]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.lines[0]).toMatchObject({ unitPrice: 2400, gross: 2400, variantName: "Large / Oat" });
    expect(r.value.lines[0]?.modifiers?.map((m) => m.name)).toEqual(["Extra shot", "Syrup"]);
  });

  test.each([
    [[L("latte")], {}, "VARIANT_REQUIRED"],
    [[L("latte", 1, { variantId: "nope" })], {}, "UNKNOWN_VARIANT"],
    [[L("coffee", 1, { variantId: "small-cow" })], {}, "UNKNOWN_VARIANT"],
    [[L("latte", 1, { variantId: "small-cow", modifierOptions: ["extras:gold"] })], {}, "UNKNOWN_MODIFIER"],
    [[L("coffee", 1, { modifierOptions: ["extras:shot"] })], {}, "UNKNOWN_MODIFIER"],
    [[L("coffee", 1, { discountIds: ["a5"] })], {}, "DISCOUNT_NOT_FOR_ITEMS"],
    [[L("coffee", 1, { discountIds: ["zzz"] })], {}, "UNKNOWN_DISCOUNT"],
    [[L("coffee")], { discounts: [D("open")] }, "DISCOUNT_VALUE_REQUIRED"],
    [[L("coffee")], { discounts: [D("openPct", 100_001)] }, "DISCOUNT_OUT_OF_RANGE"],
    [[L("coffee")], { discounts: [D("openPct", 0)] }, "DISCOUNT_OUT_OF_RANGE"],
    [[L("coffee")], { discounts: [D("open", -100)] }, "DISCOUNT_OUT_OF_RANGE"],
    [[L("coffee")], { discounts: [D("open", 1201)] }, "DISCOUNT_OVER_TOTAL"],
    [[L("coffee")], { disabledTaxIds: ["vat23" as TaxId] }, "TAX_TOGGLE_NOT_ALLOWED"],
  ] as const)("D16 D17 D18 refused: %j %j → %s", (lines, options, code) => {
    expect(priceTicket(catalog, lines as never, options as never)).toMatchObject({ ok: false, error: { code } });
  });

  test("D18 a tax switched off where the store allows it", () => {
    const r = priceTicket(catalog, [L("burger")], { disabledTaxIds: [salesTax.id], allowTaxToggle: true });
    expect(r.ok && r.value.total).toBe(2500);
  });
});

const lineArb = fc.record({
  itemId: fc.constantFrom("coffee", "bagel", "soda", "burger"),
  pieces: fc.integer({ min: 1, max: 20 }),
  discountIds: fc.subarray(["p10", "p25"]),
});
const ticketDiscountArb = fc.subarray(["p10", "p25", "a5"]);

describe("pricing properties", () => {
  test("D14 the order in which discounts are added never changes the result", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), ticketDiscountArb, (lines, discounts) => {
        const input = lines.map((l) => L(l.itemId, l.pieces, { discountIds: l.discountIds }));
        const reversed = lines.map((l) => L(l.itemId, l.pieces, { discountIds: [...l.discountIds].reverse() }));
        const a = priceTicket(catalog, input as never, { discounts: discounts.map((d) => D(d)) });
        const b = priceTicket(catalog, reversed as never, { discounts: [...discounts].reverse().map((d) => D(d)) });
        // A refusal names the offending input by position, which differs with the order: compare codes then.
        if (!a.ok || !b.ok) return !a.ok && !b.ok && a.error.code === b.error.code;
        return JSON.stringify(a) === JSON.stringify(b);
      }),
    );
  });

  test("D15 D18 with any discounts: total = subtotal − discounts + added tax = Σ lines; every discount share is on a line", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), ticketDiscountArb, (lines, discounts) => {
        const r = priceTicket(catalog, lines.map((l) => L(l.itemId, l.pieces, { discountIds: l.discountIds })) as never, { discounts: discounts.map((d) => D(d)) });
        if (!r.ok) return r.error.code === "DISCOUNT_OVER_TOTAL";
        const t = r.value;
        const sumLines = t.lines.reduce((s, l) => s + l.total, 0);
        const lineDiscounts = t.lines.reduce((s, l) => s + (l.discounts ?? []).reduce((a, x) => a + x.amount, 0), 0);
        const shares = lineDiscounts === t.discountTotal;
        return t.total === sumLines && t.total === t.subtotal - t.discountTotal + t.taxAdded && shares && t.lines.every((l) => (l.net ?? 0) >= 0);
      }),
    );
  });

  test("D4 included taxes never change the total, with or without discounts", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), ticketDiscountArb, (lines, discounts) => {
        const input = lines.map((l) => L(l.itemId === "burger" || l.itemId === "soda" ? "coffee" : l.itemId, l.pieces, { discountIds: l.discountIds }));
        const withTax = priceTicket(catalog, input as never, { discounts: discounts.map((d) => D(d)) });
        const untaxed = { ...catalog, items: Object.fromEntries(Object.entries(catalog.items).map(([k, v]) => [k, { ...v, taxIds: [] }])) };
        const without = priceTicket(untaxed, input as never, { discounts: discounts.map((d) => D(d)) });
        return withTax.ok === without.ok && (!withTax.ok || !without.ok || withTax.value.total === without.value.total);
      }),
    );
  });

  test("D24 split payments: even parts differ by at most one and sum to the total", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 20 }), (total, n) => {
        const parts = evenSplit(total, n);
        return parts.length === n && parts.reduce((a, b) => a + b, 0) === total && Math.max(...parts) - Math.min(...parts) <= 1;
      }),
    );
    expect(evenSplit(1000, 3)).toEqual([334, 333, 333]);
    expect(allocate(10, [0, 0])).toEqual([5, 5]);
  });
});
