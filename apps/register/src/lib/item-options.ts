import { MAX_ITEM_OPTIONS, type Catalog, type CatalogItem, type Discount, type Minor, type ModifierSet, type Variant } from "@kasa/domain";

/** An item's option names in its own order ("Size", "Milk"); read from its variants when not listed. */
export function optionNames(item: CatalogItem): string[] {
  const names = item.options ?? Object.keys(item.variants?.[0]?.values ?? {});
  return names.slice(0, MAX_ITEM_OPTIONS);
}

export interface OptionValue {
  readonly value: string;
  /** No variant has this value together with the other values already chosen. */
  readonly available: boolean;
  /** The price once this value is chosen, when the other choices already decide the variant. */
  readonly price?: Minor;
  /** The lowest price this value can lead to, while other options are still open. */
  readonly from?: Minor;
}

export interface OptionChoice {
  readonly name: string;
  readonly values: readonly OptionValue[];
}

export type Selection = Readonly<Record<string, string>>;

const priceOf = (item: CatalogItem, v: Variant) => (v.price ?? item.price) as Minor;

/**
 * For the variant dialog: each option with its values in the order variants list them, whether
 * each is still possible given the other choices, and the price it leads to.
 */
export function optionChoices(item: CatalogItem, selection: Selection): OptionChoice[] {
  const variants = item.variants ?? [];
  return optionNames(item).map((name) => {
    const values = [...new Set(variants.map((v) => v.values[name]).filter((v): v is string => v !== undefined))];
    return {
      name,
      values: values.map((value) => {
        const candidates = variants.filter(
          (v) => v.values[name] === value && Object.entries(selection).every(([o, chosen]) => o === name || v.values[o] === chosen),
        );
        const prices = candidates.map((v) => priceOf(item, v));
        const decided = candidates.length === 1 && optionNames(item).every((o) => o === name || selection[o] !== undefined);
        return {
          value,
          available: candidates.length > 0,
          ...(decided ? { price: prices[0]! } : prices.length > 0 ? { from: Math.min(...prices) as Minor } : {}),
        };
      }),
    };
  });
}

/** The variant a complete selection names, if any. */
export function matchVariant(item: CatalogItem, selection: Selection): Variant | undefined {
  const names = optionNames(item);
  if (!names.every((n) => selection[n] !== undefined)) return undefined;
  return item.variants?.find((v) => names.every((n) => v.values[n] === selection[n]));
}

/** The selection a variant stands for (to reopen the dialog on a line). */
export function selectionOf(variant: Variant | undefined): Selection {
  return variant ? { ...variant.values } : {};
}

/** After choosing `value` for `option`: choices that no longer fit any variant are dropped. */
export function choose(item: CatalogItem, selection: Selection, option: string, value: string): Selection {
  const next: Record<string, string> = { ...selection, [option]: value };
  const fits = (sel: Selection) => (item.variants ?? []).some((v) => Object.entries(sel).every(([o, chosen]) => v.values[o] === chosen));
  for (const other of optionNames(item)) {
    if (other === option || next[other] === undefined) continue;
    if (!fits(next)) delete next[other];
  }
  // An option left with a single possible value is chosen for the cashier.
  for (const choice of optionChoices(item, next)) {
    const possible = choice.values.filter((v) => v.available);
    if (next[choice.name] === undefined && possible.length === 1) next[choice.name] = possible[0]!.value;
  }
  return next;
}

/** What a fresh dialog starts with: only the options that have a single possible value. */
export function initialSelection(item: CatalogItem): Selection {
  const sel: Record<string, string> = {};
  for (const choice of optionChoices(item, {})) {
    if (choice.values.length === 1) sel[choice.name] = choice.values[0]!.value;
  }
  return sel;
}

export function hasVariants(item: CatalogItem): boolean {
  return (item.variants?.length ?? 0) > 0;
}

/** The item's modifier sets as the catalog defines them (sets missing from the catalog are skipped). */
export function modifierSetsOf(catalog: Catalog, item: CatalogItem): ModifierSet[] {
  return (item.modifierIds ?? []).map((id) => catalog.modifiers?.[id]).filter((m): m is ModifierSet => m !== undefined);
}

/** Tapping this item asks something first: which variant, which modifiers. */
export function needsOptions(catalog: Catalog, item: CatalogItem): boolean {
  return hasVariants(item) || modifierSetsOf(catalog, item).length > 0;
}

/** Discounts a single line may take: percentages with a preset value (D16). */
export function lineDiscounts(catalog: Catalog): Discount[] {
  return Object.values(catalog.discounts ?? {}).filter((d) => d.kind === "percentage" && d.value !== undefined);
}

/** Every store discount, for the whole ticket: percentages first, then amounts, each by name. */
export function ticketDiscounts(catalog: Catalog, locale?: string): Discount[] {
  const collator = new Intl.Collator(locale);
  return Object.values(catalog.discounts ?? {}).sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === "percentage" ? -1 : 1));
}
