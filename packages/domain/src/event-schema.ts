import { z } from "zod";
import { sum, type Minor } from "./money.js";
import type { KasaEvent } from "./events.js";
import { ok, reject, type Result } from "./result.js";

// Runtime schemas for events arriving from devices: the relay trusts nothing it did not check.
const int = z.number().int().refine(Number.isSafeInteger, "not a safe integer");
const money = int;
const id = z.string().min(1).max(64);

const lineTax = z.object({
  taxId: id,
  name: z.string().max(200),
  rateMilliPercent: int.nonnegative(),
  mode: z.enum(["added", "included"]),
  amount: money,
});

const appliedDiscount = z.object({
  discountId: id,
  name: z.string().max(200),
  kind: z.enum(["percentage", "amount"]),
  value: int.nonnegative(),
  amount: money.nonnegative(),
});

const pricedLine = z.object({
  itemId: id,
  name: z.string().max(200),
  variantId: id.optional(),
  variantName: z.string().max(200).optional(),
  modifiers: z.array(z.object({ modifierId: id, optionId: id, name: z.string().max(200), price: money })).max(50).optional(),
  comment: z.string().max(500).optional(),
  quantityMilli: int.positive(),
  soldBy: z.literal("weight").optional(),
  unitPrice: money.nonnegative(),
  gross: money,
  discounts: z.array(appliedDiscount).max(20).optional(),
  net: money.optional(),
  taxes: z.array(lineTax).max(20),
  total: money,
});

const payment = z.object({
  type: z.enum(["cash", "card", "custom"]),
  amount: money.nonnegative(),
  received: money.nonnegative().optional(),
  change: money.nonnegative().optional(),
  paymentTypeId: id.optional(),
  name: z.string().max(200).optional(),
  reference: z.string().max(200).optional(),
});

const receipt = z.object({
  number: z.string().regex(/^\d+-\d+$/),
  registerNumber: int.positive(),
  sequence: int.positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(pricedLine).min(1).max(1000),
  taxes: z.array(lineTax).max(100),
  subtotal: money,
  discounts: z.array(appliedDiscount).max(20).optional(),
  discountTotal: money.nonnegative().optional(),
  taxAdded: money,
  taxIncluded: money,
  total: money,
  payments: z.array(payment).min(1).max(50),
  shiftId: id.optional(),
  customerId: id.optional(),
  pointsEarned: int.nonnegative().optional(),
  pointsRedeemed: z.object({ points: int.positive(), redemptionId: id }).optional(),
});

const envelope = {
  id: z.string().uuid(),
  storeId: id,
  registerId: id,
  deviceTime: int.nonnegative(),
  schema: int.positive(),
};

const saleCompleted = z.object({ ...envelope, type: z.literal("sale.completed"), payload: z.object({ receipt }) });

const shiftId = id;
const shiftOpened = z.object({ ...envelope, type: z.literal("shift.opened"), payload: z.object({ shiftId, startingCash: money.nonnegative(), openedBy: z.string().max(200).optional() }) });
const shiftCashMoved = z.object({
  ...envelope,
  type: z.literal("shift.cash-moved"),
  payload: z.object({ shiftId, kind: z.enum(["in", "out"]), amount: money.positive(), comment: z.string().max(200) }),
});
const shiftClosed = z.object({
  ...envelope,
  type: z.literal("shift.closed"),
  payload: z.object({ shiftId, countedCash: money.nonnegative(), expectedCash: money, difference: money, closedBy: z.string().max(200).optional() }),
});

const refundedLine = z.object({
  lineIndex: int.nonnegative(),
  itemId: id,
  name: z.string().max(200),
  quantityMilli: int.positive(),
  gross: money.nonnegative(),
  discount: money.nonnegative(),
  taxes: z.array(lineTax).max(20),
  total: money.nonnegative(),
});
const refundCompleted = z.object({
  ...envelope,
  type: z.literal("refund.completed"),
  payload: z.object({
    refund: z.object({
      number: z.string().regex(/^\d+-\d+$/),
      registerNumber: int.positive(),
      sequence: int.positive(),
      currency: z.string().regex(/^[A-Z]{3}$/),
      requestId: z.string().min(1).max(64),
      refundFor: z.object({ eventId: z.string().uuid(), number: z.string().max(32), registerId: id }),
      lines: z.array(refundedLine).min(1).max(1000),
      gross: money.nonnegative(),
      discountTotal: money.nonnegative(),
      taxAdded: money.nonnegative(),
      taxIncluded: money.nonnegative(),
      total: money.nonnegative(),
      payments: z.array(payment).max(50),
      shiftId: id.optional(),
    }),
  }),
});

const receiptEmailRequested = z.object({
  ...envelope,
  type: z.literal("receipt.email-requested"),
  payload: z.object({ receiptEventId: z.string().uuid(), receiptNumber: z.string().max(32), email: z.string().email().max(254) }),
});

export const kasaEventSchema = z.discriminatedUnion("type", [saleCompleted, refundCompleted, shiftOpened, shiftCashMoved, shiftClosed, receiptEmailRequested]);

/**
 * Checks an event that came from outside (a device, a file): its shape, and that its money adds up
 * (SPEC D10). A receipt whose parts don't sum to its total is refused, not repaired.
 */
export function parseEvent(input: unknown): Result<KasaEvent> {
  const parsed = kasaEventSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject("INVALID_EVENT", issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid event", issue?.path.join("."));
  }
  const event = parsed.data as unknown as KasaEvent;
  const m = (xs: readonly Minor[]) => sum(xs);
  if (event.type === "refund.completed") {
    const f = event.payload.refund;
    if (m(f.lines.map((l) => l.total)) !== f.total) return reject("INVALID_EVENT", "refund total is not the sum of its lines", "payload.refund.total");
    if (m(f.payments.map((p) => p.amount)) !== f.total) return reject("INVALID_EVENT", "refund payments do not add up to its total", "payload.refund.payments");
    return ok(event);
  }
  if (event.type !== "sale.completed") return ok(event);
  const r = event.payload.receipt;
  if (m(r.lines.map((l) => l.gross)) !== r.subtotal) return reject("INVALID_EVENT", "subtotal is not the sum of the lines", "payload.receipt.subtotal");
  if (m(r.lines.map((l) => l.total)) !== r.total) return reject("INVALID_EVENT", "total is not the sum of the lines", "payload.receipt.total");
  if (r.subtotal - (r.discountTotal ?? 0) + r.taxAdded !== r.total) return reject("INVALID_EVENT", "subtotal − discounts + added taxes is not the total", "payload.receipt.total");
  if (m(r.payments.map((p) => p.amount)) !== r.total) return reject("INVALID_EVENT", "payments do not settle the total", "payload.receipt.payments");
  return ok(event);
}
