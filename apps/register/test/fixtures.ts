import { minor, type Catalog, type CatalogItem, type DiscountId, type ItemId, type ModifierId, type PaymentTypeId, type TaxId, type VariantId } from "@kasa/domain";

// A small catalog shaped like the demo store's (relay-server/src/demo/demo-store.ts).
export const vat8 = "vat-8" as TaxId;
export const espresso: CatalogItem = { id: "espresso" as ItemId, name: "Espresso", price: minor(900), taxIds: [vat8], soldBy: "each", sku: "ESP-1", barcode: "5901234123457" };
export const olives: CatalogItem = { id: "olives" as ItemId, name: "Olives", price: minor(6990), taxIds: [vat8], soldBy: "weight" };
export const latte: CatalogItem = {
  id: "latte" as ItemId,
  name: "Caffè latte",
  price: minor(1500),
  taxIds: [vat8],
  soldBy: "each",
  options: ["Size", "Milk"],
  variants: [
    { id: "latte-s-cow" as VariantId, values: { Size: "Regular", Milk: "Cow" } },
    { id: "latte-s-oat" as VariantId, values: { Size: "Regular", Milk: "Oat" }, price: minor(1700) },
    { id: "latte-l-cow" as VariantId, values: { Size: "Large", Milk: "Cow" }, price: minor(1800), barcode: "2000000000018" },
    { id: "latte-l-oat" as VariantId, values: { Size: "Large", Milk: "Oat" }, price: minor(2000) },
  ],
  modifierIds: ["extras" as ModifierId],
};
export const catalog: Catalog = {
  items: { espresso, olives, latte },
  taxes: { [vat8]: { id: vat8, name: "VAT 8%", rateMilliPercent: 8000, mode: "included" } },
  categories: {},
  modifiers: {
    extras: {
      id: "extras" as ModifierId,
      name: "Extras",
      options: [
        { id: "shot", name: "Extra shot", price: minor(300) },
        { id: "decaf", name: "Decaf", price: minor(0) },
      ],
    },
  },
  discounts: {
    staff: { id: "staff" as DiscountId, name: "Staff 20%", kind: "percentage", value: 20_000 },
    "five-off": { id: "five-off" as DiscountId, name: "5 zł off", kind: "amount", value: 500 },
    manager: { id: "manager" as DiscountId, name: "Manager discount", kind: "amount" },
  },
  paymentTypes: {
    voucher: { id: "voucher" as PaymentTypeId, name: "Gift voucher", kind: "custom" },
    terminal: { id: "terminal" as PaymentTypeId, name: "Card terminal", kind: "card", integrated: true },
    card: { id: "card" as PaymentTypeId, name: "Card", kind: "card" },
    cash: { id: "cash" as PaymentTypeId, name: "Cash", kind: "cash" },
  },
};
