import { minor, type CurrencyCode, type Minor } from "./money.js";
import { ONE_UNIT, type Catalog } from "./catalog.js";
import { priceLine, totalsOf, type PricedLine, type TicketLineInput, type TicketTotals } from "./pricing.js";
import { receiptNumber, type Receipt, type ReceiptPayment } from "./receipt.js";
import { EVENT_SCHEMA_VERSION, type SaleCompleted } from "./events.js";
import type { EventId, RegisterId, StoreId } from "./ids.js";
import { ok, reject, type Result } from "./result.js";

export type PaymentInput =
  | { readonly type: "cash"; readonly received: number }
  | { readonly type: "card"; readonly amount: number };

export interface SaleInput {
  readonly lines: readonly TicketLineInput[];
  readonly payments: readonly PaymentInput[];
}

/** Everything the command needs besides the cashier's input; the caller reads it from documents and the clock. */
export interface SaleContext {
  readonly catalog: Catalog;
  readonly currency: CurrencyCode;
  readonly storeId: StoreId;
  readonly registerId: RegisterId;
  readonly registerNumber: number;
  readonly sequence: number;
  readonly eventId: EventId;
  readonly now: number;
}

/** Prices a ticket, refusing unknown items and bad quantities (SPEC D1, D2). */
export function priceTicket(catalog: Catalog, lines: readonly TicketLineInput[]): Result<TicketTotals> {
  if (lines.length === 0) return reject("EMPTY_SALE", "The ticket has no items");
  const priced: PricedLine[] = [];
  for (const [index, line] of lines.entries()) {
    const path = `lines[${index}]`;
    const item = catalog.items[line.itemId];
    if (!item) return reject("UNKNOWN_ITEM", `Item ${String(line.itemId)} is not in the catalog`, `${path}.itemId`);
    if (!Number.isSafeInteger(line.quantityMilli) || line.quantityMilli <= 0) {
      return reject("LINE_QUANTITY_NOT_POSITIVE", "Quantity must be greater than zero", `${path}.quantityMilli`);
    }
    if (item.soldBy === "each" && line.quantityMilli % ONE_UNIT !== 0) {
      return reject("LINE_QUANTITY_NOT_WHOLE", `${item.name} is sold by the piece`, `${path}.quantityMilli`);
    }
    priced.push(priceLine(item, line.quantityMilli, catalog.taxes));
  }
  return ok(totalsOf(priced));
}

/**
 * Settles `total` with the payments in order (SPEC D7–D9). Cash may exceed what is left (the
 * difference is change, and only the last payment may give change); card may not.
 */
export function settle(total: Minor, payments: readonly PaymentInput[]): Result<ReceiptPayment[]> {
  if (payments.length === 0) return reject("NO_PAYMENT", "Choose a payment type");
  let remaining: number = total;
  const settled: ReceiptPayment[] = [];
  for (const [index, p] of payments.entries()) {
    const path = `payments[${index}]`;
    const given = p.type === "cash" ? p.received : p.amount;
    if (!Number.isSafeInteger(given) || given <= 0) return reject("PAYMENT_AMOUNT_INVALID", "Payment amount must be a positive amount", path);
    if (p.type === "card") {
      if (given > remaining) return reject("PAYMENT_OVER", "A card payment cannot exceed the amount due", path);
      settled.push({ type: "card", amount: minor(given) });
      remaining -= given;
    } else {
      const applied = Math.min(given, remaining);
      const change = given - applied;
      if (change > 0 && index !== payments.length - 1) return reject("PAYMENT_OVER", "Only the last payment can give change", path);
      settled.push({ type: "cash", amount: minor(applied), received: minor(given), change: minor(change) });
      remaining -= applied;
    }
  }
  if (remaining > 0) return reject("PAYMENT_SHORT", `Payments are short of the total by ${remaining} minor units`, "payments");
  return ok(settled);
}

/** The sale command: the cashier's ticket and payments in, a `sale.completed` event or a coded rejection out. */
export function completeSale(ctx: SaleContext, input: SaleInput): Result<SaleCompleted> {
  const priced = priceTicket(ctx.catalog, input.lines);
  if (!priced.ok) return priced;
  const totals = priced.value;
  const payments = settle(totals.total, input.payments);
  if (!payments.ok) return payments;
  const receipt: Receipt = {
    number: receiptNumber(ctx.registerNumber, ctx.sequence),
    registerNumber: ctx.registerNumber,
    sequence: ctx.sequence,
    currency: ctx.currency,
    lines: totals.lines,
    taxes: totals.taxes,
    subtotal: totals.subtotal,
    taxAdded: totals.taxAdded,
    taxIncluded: totals.taxIncluded,
    total: totals.total,
    payments: payments.value,
  };
  return ok({
    id: ctx.eventId,
    type: "sale.completed",
    storeId: ctx.storeId,
    registerId: ctx.registerId,
    deviceTime: ctx.now,
    schema: EVENT_SCHEMA_VERSION,
    payload: { receipt },
  });
}
