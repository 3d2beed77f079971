import { z } from "zod";
import type { AutomergeUrl, Repo } from "@automerge/automerge-repo";
import { readStore, toSealed, toStored, type StoreDoc } from "@kasa/documents";

/**
 * Back-office edits of a store document (catalog and settings), written through the relay's Repo so
 * every connected register receives them at once (online) or at its next sync. Each edit is one
 * Automerge change touching only the edited entry, so concurrent edits of different entries merge.
 */

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, "letters, digits, . _ : - only");
const name = z.string().trim().min(1).max(200);
const money = z.number().int().nonnegative().max(1_000_000_000);

export const settingsPatchSchema = z
  .object({
    name: name.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "unknown IANA time zone")
      .optional(),
    locale: z
      .string()
      .max(35)
      .refine((l) => {
        try {
          new Intl.Locale(l);
          return true;
        } catch {
          return false;
        }
      }, "not a BCP 47 locale")
      .optional(),
    useShifts: z.boolean().optional(),
    allowTaxToggle: z.boolean().optional(),
    ticketNames: z
      .array(z.string().trim().min(1).max(60))
      .max(200)
      // Two tickets with one name couldn't be told apart at the till.
      .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, "ticket names must be unique")
      .optional(),
  })
  .strict();

export const catalogSchemas = {
  items: z
    .object({
      id,
      name,
      price: money,
      taxIds: z.array(id).max(10).default([]),
      soldBy: z.enum(["each", "weight"]).default("each"),
      categoryId: id.optional(),
      sku: z.string().max(64).optional(),
      barcode: z.string().max(64).optional(),
      color: z.string().max(32).optional(),
      trackStock: z.boolean().optional(),
      stock: z.number().int().optional(),
    })
    .strict(),
  categories: z.object({ id, name, color: z.string().max(32).optional() }).strict(),
  taxes: z.object({ id, name, rateMilliPercent: z.number().int().min(0).max(100_000), mode: z.enum(["added", "included"]) }).strict(),
  discounts: z
    .object({ id, name, kind: z.enum(["percentage", "amount"]), value: z.number().int().nonnegative().max(1_000_000_000).optional() })
    .strict()
    // A percentage is in thousandths of a percent: more than 100 % would pay the customer.
    .refine((d) => d.kind !== "percentage" || d.value === undefined || d.value <= 100_000, { message: "a percentage is at most 100 % (100000)", path: ["value"] }),
  paymentTypes: z.object({ id, name, kind: z.enum(["cash", "card", "custom"]), integrated: z.boolean().optional() }).strict(),
} as const;

export type CatalogKind = keyof typeof catalogSchemas;
export const CATALOG_KINDS = Object.keys(catalogSchemas) as CatalogKind[];

export type EditResult = { ok: true; store: StoreDoc } | { ok: false; code: "NOT_FOUND" | "UNKNOWN_REFERENCE" | "IN_USE" | "PAYMENT_TYPE_REQUIRED"; message: string };

async function handleOf(repo: Repo, storeDocUrl: string) {
  return repo.find<Record<string, unknown>>(storeDocUrl as AutomergeUrl);
}

export async function updateSettings(repo: Repo, storeDocUrl: string, patch: z.infer<typeof settingsPatchSchema>): Promise<StoreDoc> {
  const handle = await handleOf(repo, storeDocUrl);
  handle.change((d) => {
    const settings = d.settings as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) settings[k] = toStored(v);
  });
  return readStore(handle.doc());
}

/** Adds or replaces one catalog entry; an item must name existing taxes and category. */
export async function upsertCatalogEntry(repo: Repo, storeDocUrl: string, kind: CatalogKind, entry: { id: string } & Record<string, unknown>): Promise<EditResult> {
  const handle = await handleOf(repo, storeDocUrl);
  const store = readStore(handle.doc());
  if (kind === "items") {
    const taxIds = (entry.taxIds as string[] | undefined) ?? [];
    const missingTax = taxIds.find((t) => !store.catalog.taxes[t]);
    if (missingTax) return { ok: false, code: "UNKNOWN_REFERENCE", message: `no tax ${missingTax}` };
    if (typeof entry.categoryId === "string" && !store.catalog.categories[entry.categoryId]) return { ok: false, code: "UNKNOWN_REFERENCE", message: `no category ${entry.categoryId}` };
  }
  let value: Record<string, unknown> = entry;
  if (kind === "items") {
    // The item form edits name, price, taxes, category…; variants, options and modifiers are kept as they are.
    const existing = store.catalog.items[entry.id];
    if (existing) {
      const kept = Object.fromEntries((["options", "variants", "modifierIds"] as const).filter((k) => existing[k] !== undefined).map((k) => [k, existing[k]]));
      value = { ...kept, ...entry };
    }
  }
  handle.change((d) => {
    const catalog = d.catalog as Record<string, Record<string, unknown> | undefined>;
    if (!catalog[kind]) catalog[kind] = {};
    // Whole, sealed (documents DOC9): an edit replaces the entry.
    catalog[kind]![entry.id] = toSealed(value);
  });
  return { ok: true, store: readStore(handle.doc()) };
}

/** Removes one entry; a tax or category still used by an item is refused. */
export async function deleteCatalogEntry(repo: Repo, storeDocUrl: string, kind: CatalogKind, entryId: string): Promise<EditResult> {
  const handle = await handleOf(repo, storeDocUrl);
  const store = readStore(handle.doc());
  const table = (store.catalog as unknown as Record<string, Record<string, unknown> | undefined>)[kind];
  if (!table?.[entryId]) return { ok: false, code: "NOT_FOUND", message: `no ${kind} entry ${entryId}` };
  const items = Object.values(store.catalog.items);
  if (kind === "taxes" && items.some((i) => i.taxIds.includes(entryId as never))) return { ok: false, code: "IN_USE", message: "items still use this tax" };
  if (kind === "categories" && items.some((i) => i.categoryId === entryId)) return { ok: false, code: "IN_USE", message: "items are still in this category" };
  if (kind === "paymentTypes") {
    // The till needs a way to take cash and card: the last payment type of either kind stays.
    const types = Object.values(store.catalog.paymentTypes ?? {});
    const gone = types.find((p) => p.id === entryId)!;
    if (gone.kind !== "custom" && types.filter((p) => p.kind === gone.kind).length === 1)
      return { ok: false, code: "PAYMENT_TYPE_REQUIRED", message: `the store needs at least one ${gone.kind} payment type` };
  }
  handle.change((d) => {
    delete (d.catalog as Record<string, Record<string, unknown>>)[kind]![entryId];
  });
  return { ok: true, store: readStore(handle.doc()) };
}
