import type { Catalog, CatalogItem, VariantId } from "@kasa/domain";

/** Case- and accent-insensitive form for matching what a cashier types against catalog names. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

/** Every code an item answers to: its own SKU and barcode and those of its variants. */
function codesOf(item: CatalogItem): string[] {
  const codes = [item.sku, item.barcode, ...(item.variants ?? []).flatMap((v) => [v.sku, v.barcode])];
  return codes.filter((c): c is string => c !== undefined && c !== "");
}

/**
 * The item grid's search: by name (any word start or substring), SKU or barcode, across all
 * categories. An empty query matches everything.
 */
export function searchItems(items: readonly CatalogItem[], query: string): CatalogItem[] {
  const q = fold(query.trim());
  if (q === "") return [...items];
  return items.filter((item) => fold(item.name).includes(q) || codesOf(item).some((c) => fold(c).includes(q)));
}

export interface CodeMatch {
  readonly item: CatalogItem;
  /** Set when the code is a variant's own barcode or SKU: that variant goes on the ticket directly. */
  readonly variantId?: VariantId;
}

/**
 * What a scanned or typed code names: a variant's barcode/SKU first (it is the more precise), then
 * an item's. Exact match, ignoring case and surrounding spaces (scanners may add them).
 */
export function findByCode(catalog: Catalog, code: string): CodeMatch | undefined {
  const wanted = code.trim().toLowerCase();
  if (wanted === "") return undefined;
  const same = (c: string | undefined) => c !== undefined && c.trim().toLowerCase() === wanted;
  const items = Object.values(catalog.items);
  for (const item of items) {
    const variant = item.variants?.find((v) => same(v.barcode) || same(v.sku));
    if (variant) return { item, variantId: variant.id };
  }
  const item = items.find((i) => same(i.barcode) || same(i.sku));
  return item ? { item } : undefined;
}

/** Items the grid shows for a category ("" = all), grouped by category then by name, as the tabs are. */
export function gridItems(catalog: Catalog, category: string, locale?: string): CatalogItem[] {
  const collator = new Intl.Collator(locale);
  const categoryName = (item: CatalogItem) => (item.categoryId ? catalog.categories[item.categoryId]?.name : undefined);
  return Object.values(catalog.items)
    .filter((item) => category === "" || item.categoryId === category)
    .sort((a, b) => {
      const ca = categoryName(a);
      const cb = categoryName(b);
      // Uncategorised items come last, after every category.
      if (ca !== cb) return ca === undefined ? 1 : cb === undefined ? -1 : collator.compare(ca, cb);
      return collator.compare(a.name, b.name);
    });
}
