import { minor, type CategoryId, type Catalog, type DiscountId, type ItemId, type ModifierId, type PaymentTypeId, type TaxId, type VariantId } from "@kasa/domain";
import type { NewStore } from "../stores/create-store.js";

/** Demo owner credentials, printed at start: the demo is for trying Kasa on one machine, never for production. */
export const DEMO_OWNER = { email: "owner@demo.kasa", password: "kasa-demo" } as const;

const vat23 = "vat-23" as TaxId;
const vat8 = "vat-8" as TaxId;
const vat5 = "vat-5" as TaxId;

const item = (id: string, name: string, price: number, tax: TaxId, categoryId: string, color: string, soldBy: "each" | "weight" = "each") => ({
  id: id as ItemId,
  name,
  price: minor(price),
  taxIds: [tax],
  soldBy,
  categoryId: categoryId as CategoryId,
  color,
});

const catalog: Catalog = {
  taxes: {
    [vat23]: { id: vat23, name: "VAT 23%", rateMilliPercent: 23_000, mode: "included" },
    [vat8]: { id: vat8, name: "VAT 8%", rateMilliPercent: 8_000, mode: "included" },
    [vat5]: { id: vat5, name: "VAT 5%", rateMilliPercent: 5_000, mode: "included" },
  },
  categories: {
    coffee: { id: "coffee" as CategoryId, name: "Coffee", color: "#8d5b3f" },
    bakery: { id: "bakery" as CategoryId, name: "Bakery", color: "#d49a3a" },
    drinks: { id: "drinks" as CategoryId, name: "Drinks", color: "#3a87b5" },
    deli: { id: "deli" as CategoryId, name: "Deli", color: "#5b8c4a" },
  },
  items: Object.fromEntries(
    [
      item("espresso", "Espresso", 900, vat8, "coffee", "#6f4432"),
      { ...item("flat-white", "Flat white", 1400, vat8, "coffee", "#8d5b3f"), modifierIds: ["extras" as ModifierId] },
      item("cappuccino", "Cappuccino", 1300, vat8, "coffee", "#a06a4c"),
      {
        ...item("latte", "Caffè latte", 1500, vat8, "coffee", "#b5805f"),
        options: ["Size", "Milk"],
        variants: [
          { id: "latte-s-cow" as VariantId, values: { Size: "Regular", Milk: "Cow" } },
          { id: "latte-s-oat" as VariantId, values: { Size: "Regular", Milk: "Oat" }, price: minor(1700) },
          { id: "latte-l-cow" as VariantId, values: { Size: "Large", Milk: "Cow" }, price: minor(1800) },
          { id: "latte-l-oat" as VariantId, values: { Size: "Large", Milk: "Oat" }, price: minor(2000) },
        ],
        modifierIds: ["extras" as ModifierId],
      },
      item("croissant", "Croissant", 850, vat5, "bakery", "#d49a3a"),
      item("cinnamon-roll", "Cinnamon roll", 1100, vat5, "bakery", "#c7862a"),
      // Baked in the morning and counted: stock is tracked, so the till warns before selling the last loaf twice (O11).
      { ...item("sourdough", "Sourdough loaf", 1800, vat5, "bakery", "#b7792c"), trackStock: true, stock: 3_000, sku: "BRD-SOUR", barcode: "5900000000017" },
      item("orange-juice", "Orange juice", 1200, vat8, "drinks", "#e39b2d"),
      item("sparkling-water", "Sparkling water", 700, vat23, "drinks", "#3a87b5"),
      item("lemonade", "Lemonade", 1000, vat23, "drinks", "#5fa8d3"),
      item("olives", "Olives (per kg)", 6990, vat5, "deli", "#5b8c4a", "weight"),
      item("cheese", "Gouda (per kg)", 5990, vat5, "deli", "#c9a227", "weight"),
    ].map((i) => [i.id, i]),
  ),
  modifiers: {
    extras: {
      id: "extras" as ModifierId,
      name: "Extras",
      options: [
        { id: "shot", name: "Extra shot", price: minor(300) },
        { id: "syrup", name: "Vanilla syrup", price: minor(200) },
        { id: "decaf", name: "Decaf", price: minor(0) },
      ],
    },
  },
  discounts: {
    staff: { id: "staff" as DiscountId, name: "Staff 20%", kind: "percentage", value: 20_000 },
    "happy-hour": { id: "happy-hour" as DiscountId, name: "Happy hour 10%", kind: "percentage", value: 10_000 },
    "five-off": { id: "five-off" as DiscountId, name: "5 zł off", kind: "amount", value: 500 },
    manager: { id: "manager" as DiscountId, name: "Manager discount", kind: "amount" },
  },
  paymentTypes: {
    cash: { id: "cash" as PaymentTypeId, name: "Cash", kind: "cash" },
    card: { id: "card" as PaymentTypeId, name: "Card", kind: "card" },
    terminal: { id: "terminal" as PaymentTypeId, name: "Card terminal", kind: "card", integrated: true },
    voucher: { id: "voucher" as PaymentTypeId, name: "Gift voucher", kind: "custom" },
    blik: { id: "blik" as PaymentTypeId, name: "BLIK", kind: "custom" },
  },
};

export const DEMO_STORE: NewStore = {
  settings: {
    name: "Kasa Demo Café",
    currency: "PLN",
    timeZone: "Europe/Warsaw",
    locale: "pl-PL",
    useShifts: false,
    allowTaxToggle: false,
    ticketNames: ["Table 1", "Table 2", "Table 3", "Table 4", "Table 5", "Terrace 1", "Terrace 2", "Bar"],
    loyaltyMilliPercent: 1_000,
    negativeStockWarning: true,
  },
  catalog,
  registers: [
    { number: 1, name: "Front counter" },
    { number: 2, name: "Terrace" },
  ],
};
