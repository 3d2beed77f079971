import { createHash } from "node:crypto";
import type { Catalog, CatalogItem } from "@kasa/domain";
import { OnlineError } from "./online-error.js";

/**
 * Items created from a register (DESIGN O12, SPEC RL53): online only, because the catalog is the
 * store document, which registers replicate read-only. The relay checks the references against the
 * store document and writes the item there; every register (the asking one included) gets it by sync.
 */
export interface RegisterItemInput {
  readonly requestId: string;
  readonly name: string;
  /** Minor units; per kilogram when sold by weight. */
  readonly price: number;
  readonly soldBy: "each" | "weight";
  readonly categoryId?: string | undefined;
  readonly taxIds: readonly string[];
}

/** The item id for a request: the same request (a retry) always names the same item. */
export function registerItemId(storeId: string, requestId: string): string {
  return `item-${createHash("sha256").update(storeId).update("\0").update(requestId).digest("hex").slice(0, 24)}`;
}

/** The catalog entry for a request, or a coded refusal (unknown category or tax: 400). Pure. */
export function registerItem(store: { readonly catalog: Catalog }, storeId: string, input: RegisterItemInput): CatalogItem {
  if (input.categoryId !== undefined && !store.catalog.categories[input.categoryId]) throw new OnlineError(400, "UNKNOWN_CATEGORY", "No such category in this store");
  const unknownTax = input.taxIds.find((t) => !store.catalog.taxes[t]);
  if (unknownTax !== undefined) throw new OnlineError(400, "UNKNOWN_TAX", "No such tax in this store");
  if (new Set(input.taxIds).size !== input.taxIds.length) throw new OnlineError(400, "BAD_REQUEST", "taxIds: each tax once");
  return {
    id: registerItemId(storeId, input.requestId),
    name: input.name.trim(),
    price: input.price,
    soldBy: input.soldBy,
    taxIds: [...input.taxIds],
    ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
  } as unknown as CatalogItem;
}
