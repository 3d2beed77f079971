import { minor, type CurrencyCode, type Minor } from "./money.js";
import { MAX_ITEM_OPTIONS, MILLI_PERCENT_DENOMINATOR, ONE_UNIT, type Catalog, type Discount } from "./catalog.js";
import { applyLineDiscounts, finishTicket, type DiscountedLine, type LineModifier, type TicketLineInput, type TicketOptions, type TicketTotals } from "./pricing.js";
import { receiptNumber, type Receipt, type ReceiptPayment } from "./receipt.js";
import { EVENT_SCHEMA_VERSION, type SaleCompleted } from "./events.js";
import type { EventId, PaymentTypeId, RegisterId, ShiftId, StoreId } from "./ids.js";
import { divRound } from "./money.js";
import { ok, reject, type Result } from "./result.js";

export type PaymentInput =
  | { readonly type: "cash"; readonly received: number; readonly paymentTypeId?: PaymentTypeId }
  | { readonly type: "card"; readonly amount: number; readonly paymentTypeId?: PaymentTypeId; readonly reference?: string }
  | { readonly type: "custom"; readonly amount: number; readonly paymentTypeId: PaymentTypeId };

export interface SaleInput extends TicketOptions {
  readonly lines: readonly TicketLineInput[];
  readonly payments: readonly PaymentInput[];
  /** The customer on the receipt (from the store's customers document; works offline). They earn points (D29). */
  readonly customerId?: string;
  /** Points redeemed at the relay (online only) and applied as an amount discount on the ticket (D30). */
  readonly pointsRedeemed?: { readonly points: number; readonly redemptionId: string };
}

/** Default loyalty rate: 1 % of the amount paid (in thousandths of a percent). */
export const DEFAULT_LOYALTY_MILLI_PERCENT = 1_000;
/** The synthetic discount id under which redeemed points appear on a receipt (D30). */
export const POINTS_DISCOUNT_ID = "points";

/** Points earned on a total: ⌊total × rate / 100 000⌋, never negative (D29). 1 point = 1 minor unit when redeemed. */
export function pointsEarned(total: number, loyaltyMilliPercent: number = DEFAULT_LOYALTY_MILLI_PERCENT): number {
  if (!Number.isSafeInteger(total) || total <= 0 || !Number.isSafeInteger(loyaltyMilliPercent) || loyaltyMilliPercent <= 0) return 0;
  return Math.floor((total * loyaltyMilliPercent) / MILLI_PERCENT_DENOMINATOR);
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
  /** The register's open shift, recorded on the receipt. */
  readonly shiftId?: ShiftId;
  /** Store setting "use shifts": selling needs an open shift (D20). */
  readonly shiftsRequired?: boolean;
  /** Store setting: the cashier may switch taxes off on a ticket. */
  readonly allowTaxToggle?: boolean;
  /** Store setting `loyaltyMilliPercent` (default 1 % = 1_000). */
  readonly loyaltyMilliPercent?: number;
}

const MAX_COMMENT = 500;

/** Prices a ticket: items, variants, modifiers, discounts and taxes, refusing anything the catalog doesn't allow (D1, D2, D14–D18). */
export function priceTicket(catalog: Catalog, lines: readonly TicketLineInput[], options: TicketOptions & { allowTaxToggle?: boolean; pointsDiscount?: number } = {}): Result<TicketTotals> {
  if (lines.length === 0) return reject("EMPTY_SALE", "The ticket has no items");
  const discounted: DiscountedLine[] = [];
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
    if (line.comment !== undefined && line.comment.length > MAX_COMMENT) return reject("COMMENT_TOO_LONG", `A comment has at most ${MAX_COMMENT} characters`, `${path}.comment`);

    let price: number = item.price;
    let variantName: string | undefined;
    if (item.variants && item.variants.length > 0) {
      const variant = item.variants.find((v) => v.id === line.variantId);
      if (!line.variantId) return reject("VARIANT_REQUIRED", `Choose a variant of ${item.name}`, `${path}.variantId`);
      if (!variant) return reject("UNKNOWN_VARIANT", `${item.name} has no such variant`, `${path}.variantId`);
      price = variant.price ?? item.price;
      variantName = (item.options ?? Object.keys(variant.values)).slice(0, MAX_ITEM_OPTIONS).map((o) => variant.values[o]).filter(Boolean).join(" / ");
    } else if (line.variantId) {
      return reject("UNKNOWN_VARIANT", `${item.name} has no variants`, `${path}.variantId`);
    }

    const modifiers: LineModifier[] = [];
    for (const [m, key] of (line.modifierOptions ?? []).entries()) {
      const [setId, optionId] = key.split(":");
      const set = setId ? catalog.modifiers?.[setId] : undefined;
      const option = set?.options.find((o) => o.id === optionId);
      if (!set || !option || !(item.modifierIds ?? []).includes(set.id)) {
        return reject("UNKNOWN_MODIFIER", `${item.name} has no such modifier option`, `${path}.modifierOptions[${m}]`);
      }
      modifiers.push({ modifierId: set.id, optionId: option.id, name: option.name, price: option.price });
      price += option.price;
    }

    const lineDiscounts: Discount[] = [];
    for (const [d, id] of (line.discountIds ?? []).entries()) {
      const discount = catalog.discounts?.[id];
      const dpath = `${path}.discountIds[${d}]`;
      if (!discount) return reject("UNKNOWN_DISCOUNT", "No such discount", dpath);
      // Item discounts are percentages with a preset value (D16): an amount can't be split fairly over quantities.
      if (discount.kind !== "percentage" || discount.value === undefined) return reject("DISCOUNT_NOT_FOR_ITEMS", `${discount.name} applies to the whole ticket only`, dpath);
      if (!validPercentage(discount.value)) return reject("DISCOUNT_OUT_OF_RANGE", "A percentage discount is between 0.01 % and 100 %", dpath);
      lineDiscounts.push(discount);
    }

    const gross = divRound(price * line.quantityMilli, ONE_UNIT);
    const { amounts, remaining } = applyLineDiscounts(gross, lineDiscounts);
    discounted.push({
      item,
      lineDiscounts: amounts,
      afterLineDiscounts: remaining,
      base: {
        itemId: item.id,
        name: item.name,
        ...(line.variantId ? { variantId: line.variantId } : {}),
        ...(variantName ? { variantName } : {}),
        ...(modifiers.length > 0 ? { modifiers } : {}),
        ...(line.comment ? { comment: line.comment } : {}),
        quantityMilli: line.quantityMilli,
        ...(item.soldBy === "weight" ? { soldBy: "weight" as const } : {}),
        unitPrice: minor(price),
        gross: minor(gross),
      },
    });
  }

  const ticketDiscounts: { discount: Discount; value: number }[] = [];
  const afterLines = discounted.reduce((s, l) => s + l.afterLineDiscounts, 0);
  for (const [d, input] of (options.discounts ?? []).entries()) {
    const path = `discounts[${d}]`;
    const discount = catalog.discounts?.[input.discountId];
    if (!discount) return reject("UNKNOWN_DISCOUNT", "No such discount", path);
    const value = discount.value ?? input.value;
    if (value === undefined) return reject("DISCOUNT_VALUE_REQUIRED", `Enter the value of ${discount.name}`, `${path}.value`);
    if (discount.kind === "percentage" && !validPercentage(value)) return reject("DISCOUNT_OUT_OF_RANGE", "A percentage discount is between 0.01 % and 100 %", `${path}.value`);
    if (discount.kind === "amount") {
      if (!Number.isSafeInteger(value) || value <= 0) return reject("DISCOUNT_OUT_OF_RANGE", "A discount amount must be positive", `${path}.value`);
      if (value > afterLines) return reject("DISCOUNT_OVER_TOTAL", "The discount is larger than the ticket", `${path}.value`);
    }
    ticketDiscounts.push({ discount, value });
  }
  if (options.pointsDiscount !== undefined) {
    // Redeemed points are an amount discount on the whole ticket: 1 point = 1 minor unit (D30).
    const points = options.pointsDiscount;
    if (!Number.isSafeInteger(points) || points <= 0) return reject("POINTS_INVALID", "Redeemed points must be a positive whole number", "pointsRedeemed.points");
    if (points > afterLines) return reject("DISCOUNT_OVER_TOTAL", "The points are worth more than the ticket", "pointsRedeemed.points");
    ticketDiscounts.push({ discount: { id: POINTS_DISCOUNT_ID as Discount["id"], name: "Points", kind: "amount", value: points }, value: points });
  }

  const disabled = new Set<string>(options.disabledTaxIds ?? []);
  if (disabled.size > 0 && !options.allowTaxToggle) return reject("TAX_TOGGLE_NOT_ALLOWED", "This store does not allow changing taxes on a ticket", "disabledTaxIds");
  for (const id of disabled) if (!catalog.taxes[id]) return reject("UNKNOWN_TAX", "No such tax", "disabledTaxIds");

  return ok(finishTicket(discounted, ticketDiscounts, catalog.taxes, disabled));
}

const validPercentage = (v: number) => Number.isSafeInteger(v) && v >= 10 && v <= MILLI_PERCENT_DENOMINATOR;

/**
 * Settles `total` with the payments in order (D8, D9). Cash may exceed what is left (the
 * difference is change, and only the last payment may give change); card and custom may not.
 */
export function settle(total: Minor, payments: readonly PaymentInput[], catalog?: Catalog): Result<ReceiptPayment[]> {
  if (payments.length === 0) return reject("NO_PAYMENT", "Choose a payment type");
  let remaining: number = total;
  const settled: ReceiptPayment[] = [];
  for (const [index, p] of payments.entries()) {
    const path = `payments[${index}]`;
    const given = p.type === "cash" ? p.received : p.amount;
    if (!Number.isSafeInteger(given) || given <= 0) return reject("PAYMENT_AMOUNT_INVALID", "Payment amount must be a positive amount", path);
    const def = p.paymentTypeId ? catalog?.paymentTypes?.[p.paymentTypeId] : undefined;
    if (p.paymentTypeId && (!def || def.kind !== p.type)) return reject("UNKNOWN_PAYMENT_TYPE", "No such payment type", `${path}.paymentTypeId`);
    const named = def ? { paymentTypeId: def.id, name: def.name } : {};
    if (p.type === "cash") {
      const applied = Math.min(given, remaining);
      const change = given - applied;
      if (change > 0 && index !== payments.length - 1) return reject("PAYMENT_OVER", "Only the last payment can give change", path);
      settled.push({ type: "cash", amount: minor(applied), received: minor(given), change: minor(change), ...named });
      remaining -= applied;
    } else {
      if (given > remaining) return reject("PAYMENT_OVER", "A card or custom payment cannot exceed the amount due", path);
      settled.push({ type: p.type, amount: minor(given), ...named, ...(p.type === "card" && p.reference ? { reference: p.reference } : {}) });
      remaining -= given;
    }
  }
  if (remaining > 0) return reject("PAYMENT_SHORT", `Payments are short of the total by ${remaining} minor units`, "payments");
  return ok(settled);
}

/** The sale command: the cashier's ticket and payments in, a `sale.completed` event or a coded rejection out. */
export function completeSale(ctx: SaleContext, input: SaleInput): Result<SaleCompleted> {
  if (ctx.shiftsRequired && !ctx.shiftId) return reject("NO_OPEN_SHIFT", "Open a shift before selling");
  const priced = priceTicket(ctx.catalog, input.lines, {
    ...(input.discounts ? { discounts: input.discounts } : {}),
    ...(input.disabledTaxIds ? { disabledTaxIds: input.disabledTaxIds } : {}),
    ...(ctx.allowTaxToggle ? { allowTaxToggle: true } : {}),
    ...(input.pointsRedeemed ? { pointsDiscount: input.pointsRedeemed.points } : {}),
  });
  if (input.customerId !== undefined && (typeof input.customerId !== "string" || input.customerId.length === 0 || input.customerId.length > 64)) {
    return reject("UNKNOWN_CUSTOMER", "No such customer", "customerId");
  }
  if (input.pointsRedeemed && (!input.customerId || !input.pointsRedeemed.redemptionId || input.pointsRedeemed.redemptionId.length > 64)) {
    return reject("POINTS_INVALID", "Redeemed points need the customer and the relay's redemption reference", "pointsRedeemed");
  }
  if (!priced.ok) return priced;
  const totals = priced.value;
  const payments = settle(totals.total, input.payments, ctx.catalog);
  if (!payments.ok) return payments;
  const receipt: Receipt = {
    number: receiptNumber(ctx.registerNumber, ctx.sequence),
    registerNumber: ctx.registerNumber,
    sequence: ctx.sequence,
    currency: ctx.currency,
    lines: totals.lines,
    taxes: totals.taxes,
    subtotal: totals.subtotal,
    ...(totals.discounts.length > 0 ? { discounts: totals.discounts } : {}),
    ...(totals.discountTotal > 0 ? { discountTotal: totals.discountTotal } : {}),
    taxAdded: totals.taxAdded,
    taxIncluded: totals.taxIncluded,
    total: totals.total,
    payments: payments.value,
    ...(ctx.shiftId ? { shiftId: ctx.shiftId } : {}),
    ...(input.customerId ? { customerId: input.customerId, pointsEarned: pointsEarned(totals.total, ctx.loyaltyMilliPercent ?? DEFAULT_LOYALTY_MILLI_PERCENT) } : {}),
    ...(input.pointsRedeemed ? { pointsRedeemed: { points: input.pointsRedeemed.points, redemptionId: input.pointsRedeemed.redemptionId } } : {}),
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
