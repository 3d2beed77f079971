import { divRound, minor, sum, type Minor } from "./money.js";
import { MILLI_PERCENT_DENOMINATOR, ONE_UNIT, type Catalog, type CatalogItem, type Discount, type Tax } from "./catalog.js";
import { allocate } from "./allocate.js";
import type { DiscountId, ItemId, TaxId, VariantId } from "./ids.js";

export interface TicketLineInput {
  readonly itemId: ItemId;
  /** Quantity in milli-units: 1 piece = 1000, 250 g = 250. */
  readonly quantityMilli: number;
  readonly variantId?: VariantId;
  /** Chosen modifier options as "<modifierSetId>:<optionId>". */
  readonly modifierOptions?: readonly string[];
  /** Percentage discounts applied to this line only. */
  readonly discountIds?: readonly DiscountId[];
  readonly comment?: string;
}

/** A whole-ticket discount: a store discount, with the value entered at sale time when the discount has none. */
export interface TicketDiscountInput {
  readonly discountId: DiscountId;
  readonly value?: number;
}

export interface TicketOptions {
  readonly discounts?: readonly TicketDiscountInput[];
  /** Taxes the cashier switched off for this ticket (where the store allows it). */
  readonly disabledTaxIds?: readonly TaxId[];
}

export interface LineTax {
  readonly taxId: TaxId;
  readonly name: string;
  readonly rateMilliPercent: number;
  readonly mode: Tax["mode"];
  readonly amount: Minor;
}

export interface AppliedDiscount {
  readonly discountId: DiscountId;
  readonly name: string;
  readonly kind: Discount["kind"];
  /** Milli-percent or minor units, as applied. */
  readonly value: number;
  readonly amount: Minor;
}

export interface LineModifier {
  readonly modifierId: string;
  readonly optionId: string;
  readonly name: string;
  readonly price: Minor;
}

export interface PricedLine {
  readonly itemId: ItemId;
  readonly name: string;
  readonly variantId?: VariantId;
  /** "Large / Oat" — the chosen variant's values. */
  readonly variantName?: string;
  readonly modifiers?: readonly LineModifier[];
  readonly comment?: string;
  readonly quantityMilli: number;
  /** Present for items sold by weight (quantity in grams); such lines are refunded whole only. */
  readonly soldBy?: "weight";
  /** Item or variant price plus modifier prices, for one unit. */
  readonly unitPrice: Minor;
  /** unit price × quantity, rounded once (SPEC D3): what the shelf price says the line costs. */
  readonly gross: Minor;
  /** Discounts on this line: its own, then its share of ticket discounts. */
  readonly discounts?: readonly AppliedDiscount[];
  /** gross minus every discount on the line; taxes are computed on this. */
  readonly net?: Minor;
  readonly taxes: readonly LineTax[];
  /** net plus taxes added on top; included taxes are already inside. */
  readonly total: Minor;
}

export interface TicketTotals {
  readonly lines: readonly PricedLine[];
  /** Sum of line gross amounts (included taxes inside, added taxes not), before discounts. */
  readonly subtotal: Minor;
  /** Whole-ticket discounts with their full amounts. */
  readonly discounts: readonly AppliedDiscount[];
  /** Every discount, line and ticket. */
  readonly discountTotal: Minor;
  readonly taxAdded: Minor;
  readonly taxIncluded: Minor;
  readonly total: Minor;
  /** Per tax, summed over lines, in first-seen order. */
  readonly taxes: readonly LineTax[];
}

/** A line before taxes: the priced item with its own discounts applied. */
export interface DiscountedLine {
  readonly base: Omit<PricedLine, "taxes" | "total" | "net" | "discounts">;
  readonly item: CatalogItem;
  readonly lineDiscounts: readonly AppliedDiscount[];
  readonly afterLineDiscounts: number;
}

/** Percentage of an amount, rounded once (D3). `milliPercent` 10_000 = 10 %. */
export const percentOf = (amount: number, milliPercent: number) => divRound(amount * milliPercent, MILLI_PERCENT_DENOMINATOR);

/**
 * Applies percentage discounts one after another on what is left, smallest first (D14: "in
 * ascending order of value"), so the order never depends on how the cashier tapped them.
 */
export function applyLineDiscounts(gross: number, discounts: readonly Discount[]): { amounts: AppliedDiscount[]; remaining: number } {
  const sorted = [...discounts].sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || (a.id < b.id ? -1 : 1));
  let remaining = gross;
  const amounts: AppliedDiscount[] = [];
  for (const d of sorted) {
    const amount = percentOf(remaining, d.value ?? 0);
    remaining -= amount;
    amounts.push({ discountId: d.id, name: d.name, kind: d.kind, value: d.value ?? 0, amount: minor(amount) });
  }
  return { amounts, remaining };
}

/** Taxes of a line from its net amount (D5, D6); `disabled` taxes are skipped. */
export function taxLine(net: number, item: CatalogItem, taxes: Catalog["taxes"], disabled: ReadonlySet<string> = new Set()): LineTax[] {
  const itemTaxes = item.taxIds.filter((id) => !disabled.has(id)).map((id) => taxes[id]).filter((t): t is Tax => t !== undefined);
  const included = itemTaxes.filter((t) => t.mode === "included");
  const added = itemTaxes.filter((t) => t.mode === "added");
  // Included taxes: strip them all at once (D5), then split between them by rate, the last one
  // taking the remainder so the parts add up to the whole exactly.
  const includedRate = included.reduce((r, t) => r + t.rateMilliPercent, 0);
  const preTax = divRound(net * MILLI_PERCENT_DENOMINATOR, MILLI_PERCENT_DENOMINATOR + includedRate);
  const includedTotal = net - preTax;
  const lineTaxes: LineTax[] = [];
  let allocated = 0;
  included.forEach((t, index) => {
    const amount = index === included.length - 1 ? includedTotal - allocated : divRound(includedTotal * t.rateMilliPercent, includedRate);
    allocated += amount;
    lineTaxes.push(lineTax(t, amount));
  });
  // Added taxes go on the pre-tax amount (D6).
  for (const t of added) lineTaxes.push(lineTax(t, percentOf(preTax, t.rateMilliPercent)));
  return lineTaxes;
}

/** Prices one line with no discounts: kept for callers that price a single item (tiles, previews). */
export function priceLine(item: CatalogItem, quantityMilli: number, taxes: Catalog["taxes"]): PricedLine {
  const gross = minor(divRound(item.price * quantityMilli, ONE_UNIT));
  const lineTaxes = taxLine(gross, item, taxes);
  return {
    itemId: item.id,
    name: item.name,
    quantityMilli,
    unitPrice: item.price,
    gross,
    taxes: lineTaxes,
    total: minor(gross + addedOf(lineTaxes)),
  };
}

const addedOf = (taxes: readonly LineTax[]) => sum(taxes.filter((t) => t.mode === "added").map((t) => t.amount));

function lineTax(t: Tax, amount: number): LineTax {
  return { taxId: t.id, name: t.name, rateMilliPercent: t.rateMilliPercent, mode: t.mode, amount: minor(amount) };
}

/**
 * Applies whole-ticket discounts to lines already discounted individually, then taxes every line.
 * Ticket discounts go in ascending order of the amount each would take (D14), each on what is
 * left, and each is spread over the lines in proportion to their amounts (D15) so that taxes are
 * computed per line on what the customer really pays.
 */
export function finishTicket(
  lines: readonly DiscountedLine[],
  ticketDiscounts: readonly { discount: Discount; value: number }[],
  taxes: Catalog["taxes"],
  disabledTaxIds: ReadonlySet<string>,
): TicketTotals {
  const nets = lines.map((l) => l.afterLineDiscounts);
  const shares: AppliedDiscount[][] = lines.map(() => []);
  const base = nets.reduce((a, b) => a + b, 0);
  const wouldTake = (d: { discount: Discount; value: number }) => (d.discount.kind === "percentage" ? percentOf(base, d.value) : d.value);
  const ordered = [...ticketDiscounts].sort((a, b) => wouldTake(a) - wouldTake(b) || (a.discount.id < b.discount.id ? -1 : 1));
  const applied: AppliedDiscount[] = [];
  for (const d of ordered) {
    const left = nets.reduce((a, b) => a + b, 0);
    const amount = Math.min(left, d.discount.kind === "percentage" ? percentOf(left, d.value) : d.value);
    allocate(amount, nets).forEach((part, i) => {
      nets[i]! -= part;
      shares[i]!.push({ discountId: d.discount.id, name: d.discount.name, kind: d.discount.kind, value: d.value, amount: minor(part) });
    });
    applied.push({ discountId: d.discount.id, name: d.discount.name, kind: d.discount.kind, value: d.value, amount: minor(amount) });
  }
  const priced: PricedLine[] = lines.map((l, i) => {
    const net = nets[i]!;
    const lineTaxes = taxLine(net, l.item, taxes, disabledTaxIds);
    const discounts = [...l.lineDiscounts, ...shares[i]!.filter((s) => s.amount > 0)];
    return {
      ...l.base,
      ...(discounts.length > 0 ? { discounts } : {}),
      net: minor(net),
      taxes: lineTaxes,
      total: minor(net + addedOf(lineTaxes)),
    };
  });
  return totalsOf(priced, applied);
}

export function totalsOf(lines: readonly PricedLine[], ticketDiscounts: readonly AppliedDiscount[] = []): TicketTotals {
  const byTax = new Map<string, LineTax>();
  for (const line of lines) {
    for (const t of line.taxes) {
      const seen = byTax.get(t.taxId);
      byTax.set(t.taxId, seen ? { ...seen, amount: minor(seen.amount + t.amount) } : t);
    }
  }
  const taxes = [...byTax.values()];
  const subtotal = sum(lines.map((l) => l.gross));
  const netSum = sum(lines.map((l) => l.net ?? l.gross));
  return {
    lines,
    subtotal,
    discounts: ticketDiscounts,
    discountTotal: minor(subtotal - netSum),
    taxAdded: sum(taxes.filter((t) => t.mode === "added").map((t) => t.amount)),
    taxIncluded: sum(taxes.filter((t) => t.mode === "included").map((t) => t.amount)),
    total: sum(lines.map((l) => l.total)),
    taxes,
  };
}
