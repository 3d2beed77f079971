import type { Minor } from "./money.js";
import type { CategoryId, ItemId, TaxId } from "./ids.js";

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

export interface CatalogItem {
  readonly id: ItemId;
  readonly name: string;
  /** Price of one unit (or one kilogram for weighed items). */
  readonly price: Minor;
  readonly taxIds: readonly TaxId[];
  readonly soldBy: SoldBy;
  readonly categoryId?: CategoryId;
  readonly sku?: string;
  readonly barcode?: string;
  /** A CSS colour for the tile on the register's grid. */
  readonly color?: string;
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
}

/** One whole unit in quantity milli-units: quantities are integers so that weights (grams) stay exact. */
export const ONE_UNIT = 1000;
export const MILLI_PERCENT_DENOMINATOR = 100_000;
