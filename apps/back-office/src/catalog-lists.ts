import type { CatalogListKind, CatalogView } from "./api.js";
import { money } from "./store-format.js";
import { t } from "./strings.js";

/**
 * How each catalog list (categories, taxes, discounts, payment types) is shown and edited by the one
 * list page: its columns, its form fields, and how a form's text becomes the entry the relay expects
 * (integers: milli-percent rates, minor-unit amounts). Pure: no I/O, no elements.
 */

export type Draft = Record<string, string | boolean>;

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly type: "text" | "number" | "color" | "select" | "checkbox";
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly placeholder?: string;
  /** Shown only when this returns true for the current draft. */
  readonly when?: (d: Draft) => boolean;
}

export interface ListSpec {
  readonly kind: CatalogListKind;
  readonly title: string;
  readonly lead: string;
  readonly add: string;
  readonly columns: readonly string[];
  readonly fields: readonly FieldSpec[];
  readonly emptyDraft: () => Draft;
  readonly draftOf: (entry: Record<string, unknown>, currency: string) => Draft;
  /** The entry body to PUT, or a message for the owner when the draft is not valid. */
  readonly toEntry: (d: Draft) => Record<string, unknown> | string;
  readonly cells: (entry: Record<string, unknown>, ctx: { catalog: CatalogView; currency: string }) => readonly string[];
}

const text = (d: Draft, k: string) => String(d[k] ?? "").trim();
/** "23", "8,5", "8.875" → 23_000, 8_500, 8_875 (thousandths of a percent); undefined if not a number. */
export function percentToMilli(s: string): number | undefined {
  if (!/^\d+([.,]\d{1,3})?$/.test(s.trim())) return undefined;
  return Math.round(Number(s.trim().replace(",", ".")) * 1000);
}
/** "12,50" → 1250 minor units; undefined if not an amount. */
export function amountToMinor(s: string): number | undefined {
  if (!/^\d+([.,]\d{1,2})?$/.test(s.trim())) return undefined;
  return Math.round(Number(s.trim().replace(",", ".")) * 100);
}
const milliToPercent = (n: number) => String(n / 1000).replace(".", ",");
const minorToAmount = (n: number) => (n / 100).toFixed(2).replace(".", ",");

export const LIST_SPECS: Readonly<Record<CatalogListKind, ListSpec>> = {
  categories: {
    kind: "categories",
    title: t.catalog.categories.title,
    lead: t.catalog.categories.lead,
    add: t.catalog.categories.add,
    columns: [t.catalog.name, t.catalog.categories.items],
    fields: [
      { key: "name", label: t.catalog.name, type: "text" },
      { key: "color", label: t.catalog.categories.color, type: "color" },
    ],
    emptyDraft: () => ({ name: "", color: "#0f766e" }),
    draftOf: (e) => ({ name: String(e.name), color: String(e.color ?? "#0f766e") }),
    toEntry: (d) => (text(d, "name") ? { name: text(d, "name"), color: text(d, "color") || "#0f766e" } : t.catalog.nameRequired),
    cells: (e, { catalog }) => [String(e.name), String(Object.values(catalog.items).filter((i) => i.categoryId === e.id).length)],
  },
  taxes: {
    kind: "taxes",
    title: t.catalog.taxes.title,
    lead: t.catalog.taxes.lead,
    add: t.catalog.taxes.add,
    columns: [t.catalog.name, t.catalog.taxes.rate, t.catalog.taxes.mode],
    fields: [
      { key: "name", label: t.catalog.name, type: "text" },
      { key: "rate", label: t.catalog.taxes.rate, type: "number", placeholder: "23" },
      { key: "mode", label: t.catalog.taxes.mode, type: "select", options: [{ value: "included", label: t.catalog.taxes.included }, { value: "added", label: t.catalog.taxes.added }] },
    ],
    emptyDraft: () => ({ name: "", rate: "", mode: "included" }),
    draftOf: (e) => ({ name: String(e.name), rate: milliToPercent(Number(e.rateMilliPercent)), mode: String(e.mode) }),
    toEntry: (d) => {
      if (!text(d, "name")) return t.catalog.nameRequired;
      const rate = percentToMilli(text(d, "rate"));
      if (rate === undefined || rate > 100_000) return t.catalog.taxes.rateInvalid;
      return { name: text(d, "name"), rateMilliPercent: rate, mode: text(d, "mode") === "added" ? "added" : "included" };
    },
    cells: (e) => [String(e.name), `${milliToPercent(Number(e.rateMilliPercent))} %`, e.mode === "added" ? t.catalog.taxes.added : t.catalog.taxes.included],
  },
  discounts: {
    kind: "discounts",
    title: t.catalog.discounts.title,
    lead: t.catalog.discounts.lead,
    add: t.catalog.discounts.add,
    columns: [t.catalog.name, t.catalog.discounts.kind, t.catalog.discounts.value],
    fields: [
      { key: "name", label: t.catalog.name, type: "text" },
      { key: "kind", label: t.catalog.discounts.kind, type: "select", options: [{ value: "percentage", label: t.catalog.discounts.percentage }, { value: "amount", label: t.catalog.discounts.amount }] },
      { key: "value", label: t.catalog.discounts.value, type: "number", placeholder: t.catalog.discounts.atTill },
    ],
    emptyDraft: () => ({ name: "", kind: "percentage", value: "" }),
    draftOf: (e) => ({ name: String(e.name), kind: String(e.kind), value: e.value === undefined ? "" : e.kind === "percentage" ? milliToPercent(Number(e.value)) : minorToAmount(Number(e.value)) }),
    toEntry: (d) => {
      if (!text(d, "name")) return t.catalog.nameRequired;
      const kind = text(d, "kind") === "amount" ? "amount" : "percentage";
      const raw = text(d, "value");
      if (!raw) return { name: text(d, "name"), kind };
      const value = kind === "percentage" ? percentToMilli(raw) : amountToMinor(raw);
      if (value === undefined || (kind === "percentage" && value > 100_000)) return t.catalog.discounts.valueInvalid;
      return { name: text(d, "name"), kind, value };
    },
    cells: (e, { currency }) => [
      String(e.name),
      e.kind === "amount" ? t.catalog.discounts.amount : t.catalog.discounts.percentage,
      e.value === undefined ? t.catalog.discounts.atTill : e.kind === "amount" ? money(Number(e.value), currency) : `${milliToPercent(Number(e.value))} %`,
    ],
  },
  paymentTypes: {
    kind: "paymentTypes",
    title: t.catalog.paymentTypes.title,
    lead: t.catalog.paymentTypes.lead,
    add: t.catalog.paymentTypes.add,
    columns: [t.catalog.name, t.catalog.paymentTypes.kind],
    fields: [
      { key: "name", label: t.catalog.name, type: "text" },
      { key: "kind", label: t.catalog.paymentTypes.kind, type: "select", options: (["cash", "card", "custom"] as const).map((k) => ({ value: k, label: t.catalog.paymentTypes[k] })) },
      { key: "integrated", label: t.catalog.paymentTypes.integrated, type: "checkbox", when: (d) => d.kind === "card" },
    ],
    emptyDraft: () => ({ name: "", kind: "custom", integrated: false }),
    draftOf: (e) => ({ name: String(e.name), kind: String(e.kind), integrated: e.integrated === true }),
    toEntry: (d) => {
      if (!text(d, "name")) return t.catalog.nameRequired;
      const kind = (["cash", "card", "custom"] as const).find((k) => k === d.kind) ?? "custom";
      return { name: text(d, "name"), kind, ...(kind === "card" && d.integrated === true ? { integrated: true } : {}) };
    },
    cells: (e) => [String(e.name), `${t.catalog.paymentTypes[(e.kind as "cash" | "card" | "custom") ?? "custom"] ?? String(e.kind)}${e.integrated ? ` · ${t.catalog.paymentTypes.integrated}` : ""}`],
  },
};

/** A readable id from a name, unique among `taken`: "Gift voucher" → "gift-voucher", then "gift-voucher-2". */
export function newEntryId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ł/g, "l")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 48) || "entry";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
