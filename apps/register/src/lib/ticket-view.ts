import type { Catalog, Minor, Result, SoldBy, TicketTotals } from "@kasa/domain";
import type { TicketLine } from "../state/ticket.js";

export interface TicketRow {
  readonly key: number;
  readonly itemId: string;
  readonly name: string;
  readonly soldBy: SoldBy;
  readonly quantityMilli: number;
  /** Absent when the item left the catalog since it was added. */
  readonly unitPrice?: Minor;
  readonly total?: Minor;
}

/**
 * Joins the ticket's lines with the domain's pricing for display. Priced lines come back in
 * ticket order, so they pair up by index; if pricing refused the ticket (an item removed from the
 * catalog meanwhile), rows still show, without amounts.
 */
export function ticketRows(lines: readonly TicketLine[], catalog: Catalog, priced: Result<TicketTotals>): TicketRow[] {
  return lines.map((line, index) => {
    const item = catalog.items[line.itemId];
    const p = priced.ok ? priced.value.lines[index] : undefined;
    return {
      key: line.key,
      itemId: line.itemId,
      name: item?.name ?? "Item no longer in the catalog",
      soldBy: item?.soldBy ?? "each",
      quantityMilli: line.quantityMilli,
      ...(p ? { unitPrice: p.unitPrice, total: p.total } : item ? { unitPrice: item.price } : {}),
    };
  });
}
