import type { Catalog, CurrencyCode } from "@kasa/domain";
import { parseMajorAmount, type ParseFailure } from "../lib/amounts.js";

/**
 * Creating an item from the register (DESIGN O12, relay RL53): online only, the relay writes it into
 * the store's catalog and every register gets it by sync. Here the cashier's form becomes the
 * request, checked first for what the register can tell alone.
 */
export interface ItemDraft {
  readonly name: string;
  /** As typed, in major units ("12,50"); per kilogram when sold by weight. */
  readonly price: string;
  readonly soldBy: "each" | "weight";
  readonly categoryId: string;
  readonly taxIds: readonly string[];
}

export interface NewItemRequest {
  readonly name: string;
  readonly price: number;
  readonly soldBy: "each" | "weight";
  readonly categoryId?: string;
  readonly taxIds: readonly string[];
}

export const MAX_ITEM_NAME = 200;

/** A fresh form: the first category and the taxes most items of the catalog carry, so a typical item needs only a name and a price. */
export function emptyDraft(catalog: Catalog, categoryId = ""): ItemDraft {
  const counts = new Map<string, number>();
  for (const item of Object.values(catalog.items)) {
    const key = [...item.taxIds].sort().join(",");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  return { name: "", price: "", soldBy: "each", categoryId, taxIds: common === "" ? [] : common.split(",").filter((t) => catalog.taxes[t]) };
}

export function draftRequest(draft: ItemDraft, currency: CurrencyCode): { ok: true; value: NewItemRequest } | ParseFailure {
  const name = draft.name.trim();
  if (name === "") return { ok: false, code: "ITEM_NAME_EMPTY", message: "Enter the item's name" };
  if (name.length > MAX_ITEM_NAME) return { ok: false, code: "ITEM_NAME_TOO_LONG", message: "The name is too long" };
  const price = parseMajorAmount(draft.price, currency);
  if (!price.ok) return price;
  return { ok: true, value: { name, price: price.value, soldBy: draft.soldBy, ...(draft.categoryId ? { categoryId: draft.categoryId } : {}), taxIds: [...draft.taxIds] } };
}

/** One request id per distinct request: a retry after a lost answer reuses it (the relay writes the item once). */
export class ItemCreationAttempt {
  #key: string | undefined;
  #id: string | undefined;

  constructor(private readonly newId: () => string = () => crypto.randomUUID()) {}

  requestIdFor(request: NewItemRequest): string {
    const key = JSON.stringify(request);
    if (key !== this.#key || !this.#id) {
      this.#key = key;
      this.#id = this.newId();
    }
    return this.#id;
  }

  settle(outcome: { ok: true } | { ok: false; code: string }): void {
    if (!outcome.ok && (outcome.code === "NO_CONNECTION" || outcome.code === "BAD_RESPONSE")) return;
    this.#key = undefined;
    this.#id = undefined;
  }
}
