import type { CurrencyCode, Minor } from "./money.js";
import type { AppliedDiscount, PricedLine, LineTax } from "./pricing.js";
import type { PaymentTypeId, ShiftId } from "./ids.js";

/** Each register numbers its own receipts from here, so numbers never need coordination (DESIGN §1). */
export const FIRST_RECEIPT_SEQUENCE = 1001;

/** "<POS number>-<sequence>", e.g. "2-1008": unique per store because each register has its own number. */
export function receiptNumber(registerNumber: number, sequence: number): string {
  return `${registerNumber}-${sequence}`;
}

export type PaymentType = "cash" | "card" | "custom";

export interface ReceiptPayment {
  readonly type: PaymentType;
  /** The part of the total this payment settles. */
  readonly amount: Minor;
  /** Cash only: what the customer handed over, and what went back. received = amount + change. */
  readonly received?: Minor;
  readonly change?: Minor;
  /** The store's payment type, and its name at the time of sale (renaming a type leaves history alone). */
  readonly paymentTypeId?: PaymentTypeId;
  readonly name?: string;
  /** Integrated card payments: the terminal's reference for the approval. */
  readonly reference?: string;
}

export interface Receipt {
  readonly number: string;
  readonly registerNumber: number;
  readonly sequence: number;
  readonly currency: CurrencyCode;
  readonly lines: readonly PricedLine[];
  readonly taxes: readonly LineTax[];
  readonly subtotal: Minor;
  /** Whole-ticket discounts; line discounts are on the lines. */
  readonly discounts?: readonly AppliedDiscount[];
  /** Every discount, line and ticket: subtotal − discountTotal + taxAdded = total. */
  readonly discountTotal?: Minor;
  readonly taxAdded: Minor;
  readonly taxIncluded: Minor;
  readonly total: Minor;
  readonly payments: readonly ReceiptPayment[];
  readonly shiftId?: ShiftId;
  /** The customer on the receipt, and the points they earned with it (D29). */
  readonly customerId?: string;
  readonly pointsEarned?: number;
  /** Points redeemed at the relay for this ticket (the discount itself is in `discounts`, id "points", D30). */
  readonly pointsRedeemed?: { readonly points: number; readonly redemptionId: string };
}
