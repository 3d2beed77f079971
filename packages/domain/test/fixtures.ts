import { minor, type Catalog, type CatalogItem, type ItemId, type TaxId, type Tax, type SaleContext, type StoreId, type RegisterId, type EventId } from "../src/index.js";

export const vat23: Tax = { id: "vat23" as TaxId, name: "VAT 23%", rateMilliPercent: 23_000, mode: "included" };
export const vat8: Tax = { id: "vat8" as TaxId, name: "VAT 8%", rateMilliPercent: 8_000, mode: "included" };
export const salesTax: Tax = { id: "st" as TaxId, name: "Sales tax 8.875%", rateMilliPercent: 8_875, mode: "added" };

export const item = (id: string, price: number, taxIds: TaxId[] = [], soldBy: CatalogItem["soldBy"] = "each"): CatalogItem => ({
  id: id as ItemId,
  name: id,
  price: minor(price),
  taxIds,
  soldBy,
});

export const catalog: Catalog = {
  items: {
    coffee: item("coffee", 1200, [vat23.id]),
    bagel: item("bagel", 650, [vat8.id]),
    soda: item("soda", 199, [salesTax.id]),
    cheese: item("cheese", 5990, [vat8.id], "weight"),
    free: item("free", 0),
  },
  taxes: { vat23, vat8, st: salesTax },
  categories: {},
};

export const context = (overrides: Partial<SaleContext> = {}): SaleContext => ({
  catalog,
  currency: "PLN",
  storeId: "store-1" as StoreId,
  registerId: "reg-1" as RegisterId,
  registerNumber: 2,
  sequence: 1008,
  eventId: "01890a5d-ac96-774b-bcce-b302099a8057" as EventId,
  now: 1_764_000_000_000,
  ...overrides,
});
