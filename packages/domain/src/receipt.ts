import type { CurrencyCode, Minor } from "./money.js";
import type { PricedLine, LineTax } from "./pricing.js";

/** Each register numbers its own receipts from here, so numbers never need coordination (DESIGN §1). */
export const FIRST_RECEIPT_SEQUENCE = 1001;

/** "<POS number>-<sequence>", e.g. "2-1008": unique per store because each register has its own number. */
export function receiptNumber(registerNumber: number, sequence: number): string {
  return `${registerNumber}-${sequence}`;
}

export type PaymentType = "cash" | "card";

export interface ReceiptPayment {
  readonly type: PaymentType;
  /** The part of the total this payment settles. */
  readonly amount: Minor;
  /** Cash only: what the customer handed over, and what went back. received = amount + change. */
  readonly received?: Minor;
  readonly change?: Minor;
}

export interface Receipt {
  readonly number: string;
  readonly registerNumber: number;
  readonly sequence: number;
  readonly currency: CurrencyCode;
  readonly lines: readonly PricedLine[];
  readonly taxes: readonly LineTax[];
  readonly subtotal: Minor;
  readonly taxAdded: Minor;
  readonly taxIncluded: Minor;
  readonly total: Minor;
  readonly payments: readonly ReceiptPayment[];
}
