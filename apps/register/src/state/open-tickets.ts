import { ONE_UNIT, priceTicket, refundedSoFar, type Catalog, type RefundCompleted, type RefundLineInput, type Receipt, type TaxId, type TicketDiscountInput } from "@kasa/domain";

/** The tickets document's limit for a name (packages/sync ticket-book). */
export const MAX_TICKET_NAME = 60;

/** The parts of an open ticket the tickets screen shows (TicketView from @kasa/documents). */
export interface TicketLike {
  readonly id: string;
  readonly name: string;
  readonly comment: string;
  readonly updatedAt: number;
  readonly createdBy: string;
  readonly lines: readonly { readonly itemId: string; readonly quantityMilli: number; readonly variantId?: string; readonly modifierOptions?: readonly string[]; readonly discountIds?: readonly string[]; readonly comment?: string }[];
  /** Ticket-level parts kept with the ticket (TK5); absent means none. */
  readonly discounts?: readonly { readonly discountId: string; readonly value?: number }[];
  readonly disabledTaxIds?: readonly string[];
  readonly pointsRedeemed?: { readonly points: number };
}

export type TicketSort = "name" | "amount" | "time";

/** Predefined names not taken by another open ticket, in the store's order. */
export function freeTicketNames(predefined: readonly string[], occupied: readonly string[]): string[] {
  const taken = new Set(occupied.map((n) => n.trim().toLowerCase()));
  return predefined.filter((n) => !taken.has(n.trim().toLowerCase()));
}

/** A saved ticket's total as the domain prices it now, with its discounts and points; undefined if the catalog no longer prices it. */
export function ticketAmount(catalog: Catalog, t: TicketLike): number | undefined {
  const priced = priceTicket(catalog, t.lines as Parameters<typeof priceTicket>[1], {
    ...(t.discounts && t.discounts.length > 0 ? { discounts: t.discounts as readonly TicketDiscountInput[] } : {}),
    // Taxes were switched off where the store allowed it when the ticket was saved.
    ...(t.disabledTaxIds && t.disabledTaxIds.length > 0 ? { disabledTaxIds: t.disabledTaxIds as readonly TaxId[], allowTaxToggle: true } : {}),
    ...(t.pointsRedeemed ? { pointsDiscount: t.pointsRedeemed.points } : {}),
  });
  return priced.ok ? priced.value.total : undefined;
}

/** Tickets in the chosen order: name (A→Z), amount (largest first) or time (newest first). */
export function sortTickets<T extends TicketLike>(tickets: readonly T[], by: TicketSort, amount: (t: T) => number | undefined): T[] {
  const list = [...tickets];
  if (by === "name") return list.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }) || a.id.localeCompare(b.id));
  if (by === "amount") return list.sort((a, b) => (amount(b) ?? -1) - (amount(a) ?? -1) || a.name.localeCompare(b.name));
  return list.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

/** The store's register number for a register id ("Register 2"), if the store document knows it. */
export function registerNumberOf(registers: Readonly<Record<string, { readonly number: number }>>, registerId: string): number | undefined {
  return registers[registerId]?.number;
}

/** One line of a sale as the refund dialog offers it. */
export interface RefundableLine {
  readonly lineIndex: number;
  readonly name: string;
  readonly soldMilli: number;
  /** Still refundable as far as this register knows (the relay has the last word). */
  readonly leftMilli: number;
  /** Weighed lines are refunded whole only. */
  readonly weighed: boolean;
}

export function refundableLines(receipt: Receipt, saleEventId: string, knownRefunds: readonly RefundCompleted[]): RefundableLine[] {
  const done = refundedSoFar(saleEventId, knownRefunds).quantities;
  return receipt.lines.map((l, lineIndex) => ({
    lineIndex,
    name: l.variantName ? `${l.name} (${l.variantName})` : l.name,
    soldMilli: l.quantityMilli,
    leftMilli: Math.max(0, l.quantityMilli - (done.get(lineIndex) ?? 0)),
    weighed: l.soldBy === "weight",
  }));
}

/**
 * The next quantity when the cashier taps ± on a line: pieces go one at a time, a weighed line is
 * all or nothing.
 */
export function stepRefund(line: RefundableLine, current: number, direction: 1 | -1): number {
  if (line.weighed) return direction > 0 ? line.leftMilli : 0;
  return Math.min(line.leftMilli, Math.max(0, current + direction * ONE_UNIT));
}

/** The refund request's lines: only those with a quantity. */
export function refundRequest(quantities: ReadonlyMap<number, number>): RefundLineInput[] {
  return [...quantities.entries()].filter(([, q]) => q > 0).sort((a, b) => a[0] - b[0]).map(([lineIndex, quantityMilli]) => ({ lineIndex, quantityMilli }));
}

/** A loose e-mail check for the Send button (the domain validates again). */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

/** Clock skew above this shows a warning chip (DESIGN O12). */
export const CLOCK_SKEW_WARN_MS = 2 * 60_000;

export function clockSkewWarning(skewMs: number | undefined): boolean {
  return skewMs !== undefined && Math.abs(skewMs) > CLOCK_SKEW_WARN_MS;
}

/** Whole minutes of skew, for the warning's text. */
export function skewMinutes(skewMs: number | undefined): number {
  return Math.round(Math.abs(skewMs ?? 0) / 60_000);
}

/** An item on the ticket above the relay's on-hand stock (DESIGN O11: a warning, never a block). */
export interface StockWarning {
  readonly itemId: string;
  readonly name: string;
  readonly wantedMilli: number;
  readonly onHandMilli: number;
}

/** Items whose quantity on the ticket is above their live stock; nothing when no stock is known (offline). */
export function stockWarnings(
  lines: readonly { readonly itemId: string; readonly quantityMilli: number }[],
  stock: Readonly<Record<string, number>> | undefined,
  catalog: Catalog,
): StockWarning[] {
  if (!stock) return [];
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.itemId, (wanted.get(l.itemId) ?? 0) + l.quantityMilli);
  const out: StockWarning[] = [];
  for (const [itemId, wantedMilli] of wanted) {
    const onHandMilli = stock[itemId];
    if (onHandMilli !== undefined && wantedMilli > onHandMilli) out.push({ itemId, name: catalog.items[itemId]?.name ?? itemId, wantedMilli, onHandMilli });
  }
  return out;
}

/** Tracked items of the catalog (those the relay keeps stock for). */
export function trackedItemIds(catalog: Catalog): string[] {
  return Object.values(catalog.items)
    .filter((i) => i.trackStock === true)
    .map((i) => i.id);
}
