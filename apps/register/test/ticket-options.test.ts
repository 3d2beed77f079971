import { describe, expect, test } from "vitest";
import type { DiscountId, ModifierId, VariantId } from "@kasa/domain";
import { TicketModel } from "../src/state/ticket.js";
import { catalog, espresso, latte, olives } from "./fixtures.js";

const rules = { allowTaxToggle: false };

describe("TicketModel with variants, modifiers and discounts", () => {
  test("D17 a variant and modifiers price the line; the same choice joins its line, another makes a new one", () => {
    const t = new TicketModel();
    const largeOat = { variantId: "latte-l-oat" as VariantId, modifierOptions: ["extras:shot"] };
    t.addPiece(latte, largeOat);
    t.addPiece(latte, { variantId: "latte-l-oat" as VariantId, modifierOptions: ["extras:shot"] });
    t.addPiece(latte, { variantId: "latte-s-cow" as VariantId });
    expect(t.lines.map((l) => l.quantityMilli)).toEqual([2000, 1000]);
    const priced = t.priced(catalog, rules);
    expect(priced.ok && priced.value.lines.map((l) => l.unitPrice)).toEqual([2300, 1500]);
    expect(priced.ok && priced.value.lines[0]!.variantName).toBe("Large / Oat");
  });

  test("D17 an item with variants is refused without one (the till always asks)", () => {
    const t = new TicketModel();
    t.addPiece(latte);
    const priced = t.priced(catalog, rules);
    expect(priced.ok || priced.error.code).toBe("VARIANT_REQUIRED");
  });

  test("a line with a comment or its own discount is not merged into", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    t.updateLine(t.lines[0]!.key, { comment: "  no sugar " });
    t.addPiece(espresso);
    expect(t.lines).toHaveLength(2);
    expect(t.lines[0]!.comment).toBe("no sugar");
    t.updateLine(t.lines[0]!.key, { comment: "" });
    expect(t.lines[0]!.comment).toBeUndefined();
  });

  test("D14 D16 line and ticket discounts go into the sale input and the domain's totals", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    t.addWeighed(olives, 250);
    t.updateLine(t.lines[0]!.key, { discountIds: ["staff" as DiscountId], quantityMilli: 2000 });
    t.addDiscount({ discountId: "five-off" as DiscountId });
    expect(t.saleInput()).toEqual({
      lines: [
        { itemId: "espresso", quantityMilli: 2000, discountIds: ["staff"] },
        { itemId: "olives", quantityMilli: 250 },
      ],
      discounts: [{ discountId: "five-off" }],
    });
    const priced = t.priced(catalog, rules);
    // 18,00 − 20 % = 14,40; olives 17,48; − 5,00 = 26,88
    expect(priced.ok && priced.value.total).toBe(2688);
    expect(priced.ok && priced.value.discountTotal).toBe(360 + 500);
  });

  test("D16 a refused ticket discount is found before it is added", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    const over = t.tryDiscount(catalog, rules, { discountId: "manager" as DiscountId, value: 5000 });
    expect(over.ok || over.error.code).toBe("DISCOUNT_OVER_TOTAL");
    const missing = t.tryDiscount(catalog, rules, { discountId: "manager" as DiscountId });
    expect(missing.ok || missing.error.code).toBe("DISCOUNT_VALUE_REQUIRED");
    expect(t.discounts).toEqual([]);
    t.addDiscount({ discountId: "manager" as DiscountId, value: 100 });
    t.addDiscount({ discountId: "manager" as DiscountId, value: 200 });
    expect(t.discounts).toEqual([{ discountId: "manager", value: 200 }]);
    t.removeDiscount("manager" as DiscountId);
    expect(t.discounts).toEqual([]);
  });

  test("D18 taxes switched off go to the domain, which refuses them unless the store allows it", () => {
    const t = new TicketModel();
    t.addPiece(espresso);
    t.setTaxEnabled(espresso.taxIds[0]!, false);
    const refused = t.priced(catalog, { allowTaxToggle: false });
    expect(refused.ok || refused.error.code).toBe("TAX_TOGGLE_NOT_ALLOWED");
    const allowed = t.priced(catalog, { allowTaxToggle: true });
    expect(allowed.ok && allowed.value.taxIncluded).toBe(0);
    t.setTaxEnabled(espresso.taxIds[0]!, true);
    expect(t.disabledTaxIds).toEqual([]);
  });

  test("clearing the ticket drops its discounts and tax switches; options can be changed on a line", () => {
    const t = new TicketModel();
    t.addPiece(latte, { variantId: "latte-s-cow" as VariantId });
    t.updateLine(t.lines[0]!.key, { variantId: "latte-l-cow" as VariantId, modifierOptions: ["extras:decaf" as `${ModifierId}:decaf`] });
    expect(t.input()[0]).toEqual({ itemId: "latte", quantityMilli: 1000, variantId: "latte-l-cow", modifierOptions: ["extras:decaf"] });
    t.addDiscount({ discountId: "staff" as DiscountId });
    t.clear();
    expect(t.isEmpty && t.discounts.length === 0).toBe(true);
  });
});
