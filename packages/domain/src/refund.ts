import { minor, sum, type Minor } from "./money.js";
import { ONE_UNIT } from "./catalog.js";
import { allocate } from "./allocate.js";
import { receiptNumber, type ReceiptPayment } from "./receipt.js";
import { EVENT_SCHEMA_VERSION, type RefundCompleted, type SaleCompleted } from "./events.js";
import type { EventId, RegisterId, ShiftId, StoreId } from "./ids.js";
import type { LineTax } from "./pricing.js";
import { ok, reject, type Result } from "./result.js";

export interface RefundLineInput {
  /** Index of the line in the sale receipt. */
  readonly lineIndex: number;
  readonly quantityMilli: number;
}

export interface RefundInput {
  readonly lines: readonly RefundLineInput[];
  /** Client-generated: a retry after a lost reply must not refund twice (DESIGN §4). */
  readonly requestId: string;
}

export interface RefundContext {
  readonly storeId: StoreId;
  readonly registerId: RegisterId;
  readonly registerNumber: number;
  readonly sequence: number;
  readonly eventId: EventId;
  readonly now: number;
  readonly shiftId?: ShiftId;
}

export interface RefundedLine {
  readonly lineIndex: number;
  readonly itemId: string;
  readonly name: string;
  readonly quantityMilli: number;
  /** Part of the line's gross being refunded (for gross-sales-style reports). */
  readonly gross: Minor;
  /** Part of the line's discounts being reversed. */
  readonly discount: Minor;
  readonly taxes: readonly LineTax[];
  /** What goes back to the customer for this line. */
  readonly total: Minor;
}

/** What earlier refunds of the same sale took: quantities per line index, and amounts per payment type. */
export interface RefundedSoFar {
  readonly quantities: ReadonlyMap<number, number>;
  readonly payments: ReadonlyMap<string, number>;
}

export const NOTHING_REFUNDED: RefundedSoFar = { quantities: new Map(), payments: new Map() };

const paymentKey = (p: ReceiptPayment) => `${p.type}|${p.paymentTypeId ?? ""}|${p.name ?? ""}`;

export function refundedSoFar(saleId: string, refunds: readonly RefundCompleted[]): RefundedSoFar {
  const quantities = new Map<number, number>();
  const payments = new Map<string, number>();
  for (const r of refunds) {
    if (r.payload.refund.refundFor.eventId !== saleId) continue;
    for (const l of r.payload.refund.lines) quantities.set(l.lineIndex, (quantities.get(l.lineIndex) ?? 0) + l.quantityMilli);
    for (const p of r.payload.refund.payments) payments.set(paymentKey(p), (payments.get(paymentKey(p)) ?? 0) + p.amount);
  }
  return { quantities, payments };
}

/**
 * Part of an amount for part of a quantity. The last part refunded takes what is left, so a sale
 * refunded in any number of steps nets to exactly zero (D25).
 */
function share(amount: number, soldQty: number, alreadyQty: number, qty: number): number {
  const before = Math.round((amount * alreadyQty) / soldQty);
  const after = alreadyQty + qty >= soldQty ? amount : Math.round((amount * (alreadyQty + qty)) / soldQty);
  return after - before;
}

/**
 * The refund command (D25–D27): refunds part or all of a synced sale. Refuses more than was sold
 * (counting earlier refunds), weighed lines in part, and empty refunds. The money goes back over
 * the sale's payment types in proportion to what each paid.
 */
export function refundSale(ctx: RefundContext, sale: SaleCompleted, earlier: RefundedSoFar, input: RefundInput): Result<RefundCompleted> {
  if (!input.requestId || input.requestId.length > 64) return reject("INVALID_REQUEST", "A refund needs a request id");
  const lines = input.lines.filter((l) => l.quantityMilli !== 0);
  if (lines.length === 0) return reject("EMPTY_REFUND", "Choose what to refund");
  const receipt = sale.payload.receipt;
  const seen = new Set<number>();
  const refunded: RefundedLine[] = [];
  for (const [i, l] of lines.entries()) {
    const path = `lines[${i}]`;
    const line = receipt.lines[l.lineIndex];
    if (!line || seen.has(l.lineIndex)) return reject("UNKNOWN_LINE", "No such line on the receipt", `${path}.lineIndex`);
    seen.add(l.lineIndex);
    if (!Number.isSafeInteger(l.quantityMilli) || l.quantityMilli <= 0) return reject("LINE_QUANTITY_NOT_POSITIVE", "Quantity must be greater than zero", `${path}.quantityMilli`);
    const already = earlier.quantities.get(l.lineIndex) ?? 0;
    const left = line.quantityMilli - already;
    if (l.quantityMilli > left) return reject("REFUND_OVER_SOLD", `Only ${left / ONE_UNIT} of ${line.name} can still be refunded`, `${path}.quantityMilli`);
    // A weighed line is refunded whole (DESIGN §1): there is no sensible "part of 0.352 kg" at a till.
    const weighed = line.soldBy === "weight";
    if (weighed && l.quantityMilli !== line.quantityMilli) return reject("REFUND_WEIGHT_PARTIAL", `${line.name} can only be refunded whole`, `${path}.quantityMilli`);
    if (!weighed && l.quantityMilli % ONE_UNIT !== 0) return reject("LINE_QUANTITY_NOT_WHOLE", `${line.name} is refunded by the piece`, `${path}.quantityMilli`);
    const net = line.net ?? line.gross;
    refunded.push({
      lineIndex: l.lineIndex,
      itemId: line.itemId,
      name: line.name,
      quantityMilli: l.quantityMilli,
      gross: minor(share(line.gross, line.quantityMilli, already, l.quantityMilli)),
      discount: minor(share(line.gross - net, line.quantityMilli, already, l.quantityMilli)),
      taxes: line.taxes.map((t) => ({ ...t, amount: minor(share(t.amount, line.quantityMilli, already, l.quantityMilli)) })),
      total: minor(share(line.total, line.quantityMilli, already, l.quantityMilli)),
    });
  }
  const total = sum(refunded.map((l) => l.total));
  // Money goes back in proportion to what each payment type still has unrefunded: the last refund
  // then returns exactly what is left on each, so the types net to zero too (D26).
  const byKey = new Map<string, { payment: ReceiptPayment; left: number }>();
  for (const p of receipt.payments) {
    const key = paymentKey(p);
    const row = byKey.get(key) ?? { payment: p, left: -(earlier.payments.get(key) ?? 0) };
    row.left += p.amount;
    byKey.set(key, row);
  }
  const rows = [...byKey.values()];
  const parts = allocate(total, rows.map((r) => Math.max(0, r.left)));
  const payments: ReceiptPayment[] = rows
    .map(({ payment: p }, i) => ({ type: p.type, amount: minor(parts[i] ?? 0), ...(p.paymentTypeId ? { paymentTypeId: p.paymentTypeId } : {}), ...(p.name ? { name: p.name } : {}) }))
    .filter((p) => p.amount > 0);
  const taxAdded = sum(refunded.flatMap((l) => l.taxes.filter((t) => t.mode === "added").map((t) => t.amount)));
  const taxIncluded = sum(refunded.flatMap((l) => l.taxes.filter((t) => t.mode === "included").map((t) => t.amount)));
  return ok({
    id: ctx.eventId,
    type: "refund.completed",
    storeId: ctx.storeId,
    registerId: ctx.registerId,
    deviceTime: ctx.now,
    schema: EVENT_SCHEMA_VERSION,
    payload: {
      refund: {
        number: receiptNumber(ctx.registerNumber, ctx.sequence),
        registerNumber: ctx.registerNumber,
        sequence: ctx.sequence,
        currency: receipt.currency,
        requestId: input.requestId,
        refundFor: { eventId: sale.id, number: receipt.number, registerId: sale.registerId },
        lines: refunded,
        gross: sum(refunded.map((l) => l.gross)),
        discountTotal: sum(refunded.map((l) => l.discount)),
        taxAdded,
        taxIncluded,
        total,
        payments,
        ...(ctx.shiftId ? { shiftId: ctx.shiftId } : {}),
      },
    },
  });
}
