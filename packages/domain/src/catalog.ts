import type { Minor } from "./money.js";
import type { CategoryId, DiscountId, ItemId, ModifierId, PaymentTypeId, TaxId, VariantId } from "./ids.js";

/**
 * How a tax meets the price. "added": the shelf price is net and tax goes on top (US sales
 * tax). "included": the shelf price already contains it (VAT/GST): pre-tax = price / (1 + rate).
 */
export type TaxMode = "added" | "included";

export interface Tax {
  readonly id: TaxId;
  readonly name: string;
  /** Rate in thousandths of a percent: 23_000 = 23 %, 8_875 = 8.875 %. Integer, so rates compare exactly. */
  readonly rateMilliPercent: number;
  readonly mode: TaxMode;
}

/** "each" items have whole quantities; "weight" items are sold by the kilogram in grams (milli-units). */
export type SoldBy = "each" | "weight";

/** One option value per item option, e.g. { Size: "Large", Milk: "Oat" }. */
export interface Variant {
  readonly id: VariantId;
  /** Option name → chosen value, in the item's option order. */
  readonly values: Readonly<Record<string, string>>;
  /** Overrides the item's price, SKU and barcode when set. */
  readonly price?: Minor;
  readonly sku?: string;
  readonly barcode?: string;
}

/** A named set of priced options ("Extras": extra shot +3.00, syrup +2.00); option prices add to the item price. */
export interface ModifierSet {
  readonly id: ModifierId;
  readonly name: string;
  readonly options: readonly { readonly id: string; readonly name: string; readonly price: Minor }[];
}

/**
 * A discount defined by the store. Percentage discounts go on an item or the whole ticket; amount
 * discounts only on the whole ticket. With no value, the cashier enters it at sale time (then
 * whole-ticket only).
 */
export interface Discount {
  readonly id: DiscountId;
  readonly name: string;
  readonly kind: "percentage" | "amount";
  /** Milli-percent for percentages (10_000 = 10 %), minor units for amounts; absent = entered at sale. */
  readonly value?: number;
}

/** How a payment type behaves at the till. Cash and Card always exist; custom types are named by the store. */
export interface PaymentTypeDef {
  readonly id: PaymentTypeId;
  readonly name: string;
  readonly kind: "cash" | "card" | "custom";
  /** Card through an integrated terminal: online only (DESIGN O10). */
  readonly integrated?: boolean;
}

export interface CatalogItem {
  readonly id: ItemId;
  readonly name: string;
  /** Price of one unit (or one kilogram for weighed items). */
  readonly price: Minor;
  /** Up to three option names ("Size", "Milk"); each variant picks one value per option. */
  readonly options?: readonly string[];
  readonly variants?: readonly Variant[];
  readonly modifierIds?: readonly ModifierId[];
  readonly taxIds: readonly TaxId[];
  readonly soldBy: SoldBy;
  readonly categoryId?: CategoryId;
  readonly sku?: string;
  readonly barcode?: string;
  /** A CSS colour for the tile on the register's grid. */
  readonly color?: string;
  /** Track stock of this item (DESIGN O11): on-hand comes live from the relay, online only. */
  readonly trackStock?: boolean;
  /** Initial stock in milli-units (1 piece = 1000), counted before any projected sale or refund. */
  readonly stock?: number;
}

export interface Category {
  readonly id: CategoryId;
  readonly name: string;
  readonly color?: string;
}

export interface Catalog {
  readonly items: Readonly<Record<string, CatalogItem>>;
  readonly taxes: Readonly<Record<string, Tax>>;
  readonly categories: Readonly<Record<string, Category>>;
  readonly modifiers?: Readonly<Record<string, ModifierSet>>;
  readonly discounts?: Readonly<Record<string, Discount>>;
  readonly paymentTypes?: Readonly<Record<string, PaymentTypeDef>>;
}

/** Loyverse's limit: at most three options per item, and 200 combinations. */
export const MAX_ITEM_OPTIONS = 3;

/** One whole unit in quantity milli-units: quantities are integers so that weights (grams) stay exact. */
export const ONE_UNIT = 1000;
export const MILLI_PERCENT_DENOMINATOR = 100_000;
