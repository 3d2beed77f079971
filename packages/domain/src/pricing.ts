import { divRound, minor, sum, type Minor } from "./money.js";
import { MILLI_PERCENT_DENOMINATOR, ONE_UNIT, type Catalog, type CatalogItem, type Tax } from "./catalog.js";
import type { ItemId, TaxId } from "./ids.js";

export interface TicketLineInput {
  readonly itemId: ItemId;
  /** Quantity in milli-units: 1 piece = 1000, 250 g = 250. */
  readonly quantityMilli: number;
}

export interface LineTax {
  readonly taxId: TaxId;
  readonly name: string;
  readonly rateMilliPercent: number;
  readonly mode: Tax["mode"];
  readonly amount: Minor;
}

export interface PricedLine {
  readonly itemId: ItemId;
  readonly name: string;
  readonly quantityMilli: number;
  readonly unitPrice: Minor;
  /** unit price × quantity, rounded once (SPEC D3): what the shelf price says the line costs. */
  readonly gross: Minor;
  readonly taxes: readonly LineTax[];
  /** gross plus taxes added on top; included taxes are already inside gross. */
  readonly total: Minor;
}

export interface TicketTotals {
  readonly lines: readonly PricedLine[];
  /** Sum of line gross amounts (included taxes inside, added taxes not). */
  readonly subtotal: Minor;
  readonly taxAdded: Minor;
  readonly taxIncluded: Minor;
  readonly total: Minor;
  /** Per tax, summed over lines, in first-seen order. */
  readonly taxes: readonly LineTax[];
}

/** Prices one line. The item must exist and the quantity be positive: `completeSale` checks both first. */
export function priceLine(item: CatalogItem, quantityMilli: number, taxes: Catalog["taxes"]): PricedLine {
  const gross = minor(divRound(item.price * quantityMilli, ONE_UNIT));
  const itemTaxes = item.taxIds.map((id) => taxes[id]).filter((t): t is Tax => t !== undefined);
  const included = itemTaxes.filter((t) => t.mode === "included");
  const added = itemTaxes.filter((t) => t.mode === "added");

  // Included taxes: strip them all at once from gross (SPEC D5), then split the tax between them
  // by rate, the last one taking the remainder so the parts add up to the whole exactly.
  const includedRate = included.reduce((r, t) => r + t.rateMilliPercent, 0);
  const preTax = divRound(gross * MILLI_PERCENT_DENOMINATOR, MILLI_PERCENT_DENOMINATOR + includedRate);
  const includedTotal = gross - preTax;
  const lineTaxes: LineTax[] = [];
  let allocated = 0;
  included.forEach((t, index) => {
    const amount = index === included.length - 1 ? includedTotal - allocated : divRound(includedTotal * t.rateMilliPercent, includedRate);
    allocated += amount;
    lineTaxes.push(lineTax(t, amount));
  });
  // Added taxes go on the pre-tax amount (SPEC D6).
  for (const t of added) lineTaxes.push(lineTax(t, divRound(preTax * t.rateMilliPercent, MILLI_PERCENT_DENOMINATOR)));

  const addedTotal = sum(lineTaxes.filter((t) => t.mode === "added").map((t) => t.amount));
  return {
    itemId: item.id,
    name: item.name,
    quantityMilli,
    unitPrice: item.price,
    gross,
    taxes: lineTaxes,
    total: minor(gross + addedTotal),
  };
}

function lineTax(t: Tax, amount: number): LineTax {
  return { taxId: t.id, name: t.name, rateMilliPercent: t.rateMilliPercent, mode: t.mode, amount: minor(amount) };
}

export function totalsOf(lines: readonly PricedLine[]): TicketTotals {
  const byTax = new Map<string, LineTax>();
  for (const line of lines) {
    for (const t of line.taxes) {
      const seen = byTax.get(t.taxId);
      byTax.set(t.taxId, seen ? { ...seen, amount: minor(seen.amount + t.amount) } : t);
    }
  }
  const taxes = [...byTax.values()];
  return {
    lines,
    subtotal: sum(lines.map((l) => l.gross)),
    taxAdded: sum(taxes.filter((t) => t.mode === "added").map((t) => t.amount)),
    taxIncluded: sum(taxes.filter((t) => t.mode === "included").map((t) => t.amount)),
    total: sum(lines.map((l) => l.total)),
    taxes,
  };
}
