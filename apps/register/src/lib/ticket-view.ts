import type { AppliedDiscount, Catalog, LineModifier, Minor, Result, SoldBy, TicketTotals } from "@kasa/domain";
import type { TicketLine } from "../state/ticket.js";

export interface TicketRow {
  readonly key: number;
  readonly itemId: string;
  readonly name: string;
  readonly soldBy: SoldBy;
  readonly quantityMilli: number;
  /** "Large / Oat", from the domain's pricing. */
  readonly variantName?: string;
  readonly modifiers: readonly LineModifier[];
  readonly comment?: string;
  /** The line's own discounts and its share of ticket discounts, as priced. */
  readonly discounts: readonly AppliedDiscount[];
  /** Line discount ids chosen for the line (shown even when pricing refused the ticket). */
  readonly discountIds: readonly string[];
  /** Absent when the item left the catalog since it was added. */
  readonly unitPrice?: Minor;
  /** Before discounts. */
  readonly gross?: Minor;
  /** The line's own discounts (not its share of ticket discounts, which show once, on the ticket). */
  readonly ownDiscounts: readonly AppliedDiscount[];
  /** What the ticket shows for the line: gross less its own discounts; ticket discounts and added taxes come below. */
  readonly amount?: Minor;
  readonly total?: Minor;
  /** The line has variants or modifiers to change. */
  readonly configurable: boolean;
}

/**
 * Joins the ticket's lines with the domain's pricing for display. Priced lines come back in
 * ticket order, so they pair up by index; if pricing refused the ticket (an item removed from the
 * catalog meanwhile, a discount over the total), rows still show, without amounts.
 */
export function ticketRows(lines: readonly TicketLine[], catalog: Catalog, priced: Result<TicketTotals>): TicketRow[] {
  return lines.map((line, index) => {
    const item = catalog.items[line.itemId];
    const p = priced.ok ? priced.value.lines[index] : undefined;
    const variantName = p?.variantName;
    const comment = line.comment;
    const own = (p?.discounts ?? []).filter((d) => (line.discountIds ?? []).includes(d.discountId));
    return {
      key: line.key,
      itemId: line.itemId,
      name: item?.name ?? "",
      soldBy: item?.soldBy ?? "each",
      quantityMilli: line.quantityMilli,
      ...(variantName ? { variantName } : {}),
      modifiers: p?.modifiers ?? [],
      ...(comment ? { comment } : {}),
      discounts: p?.discounts ?? [],
      discountIds: line.discountIds ?? [],
      ownDiscounts: own,
      configurable: item !== undefined && ((item.variants?.length ?? 0) > 0 || (item.modifierIds?.length ?? 0) > 0),
      ...(p
        ? { unitPrice: p.unitPrice, gross: p.gross, amount: (p.gross - own.reduce((sum, d) => sum + d.amount, 0)) as Minor, total: p.total }
        : item
          ? { unitPrice: item.price }
          : {}),
    };
  });
}
