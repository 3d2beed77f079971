import type { EventId, RegisterId, ShiftId, StoreId } from "./ids.js";
import type { Minor } from "./money.js";
import type { Receipt, ReceiptPayment } from "./receipt.js";
import type { RefundedLine } from "./refund.js";

/** Bumped when a payload changes shape; readers upgrade old events instead of rewriting them. */
export const EVENT_SCHEMA_VERSION = 1;

/**
 * Every business fact is an immutable event. Its id is generated on the device, so appending the
 * same event twice (a replay, a duplicate delivery) is a no-op where events are keyed by id.
 */
export interface EventEnvelope<Type extends string, Payload> {
  readonly id: EventId;
  readonly type: Type;
  readonly storeId: StoreId;
  readonly registerId: RegisterId;
  /** UTC milliseconds on the device's clock when the fact happened. */
  readonly deviceTime: number;
  readonly schema: number;
  readonly payload: Payload;
}

export type SaleCompleted = EventEnvelope<"sale.completed", { readonly receipt: Receipt }>;

export type ShiftOpened = EventEnvelope<"shift.opened", { readonly shiftId: ShiftId; readonly startingCash: Minor; readonly openedBy?: string }>;
export type ShiftCashMoved = EventEnvelope<
  "shift.cash-moved",
  { readonly shiftId: ShiftId; readonly kind: "in" | "out"; readonly amount: Minor; readonly comment: string }
>;
export type ShiftClosed = EventEnvelope<
  "shift.closed",
  { readonly shiftId: ShiftId; readonly countedCash: Minor; readonly expectedCash: Minor; readonly difference: Minor; readonly closedBy?: string }
>;

export interface RefundReceipt {
  /** The refund's own receipt number, from the refunding register's sequence. */
  readonly number: string;
  readonly registerNumber: number;
  readonly sequence: number;
  readonly currency: string;
  /** Client-generated id of the refund request: the relay approves each request once. */
  readonly requestId: string;
  readonly refundFor: { readonly eventId: EventId; readonly number: string; readonly registerId: RegisterId };
  readonly lines: readonly RefundedLine[];
  readonly gross: Minor;
  readonly discountTotal: Minor;
  readonly taxAdded: Minor;
  readonly taxIncluded: Minor;
  readonly total: Minor;
  readonly payments: readonly ReceiptPayment[];
  readonly shiftId?: ShiftId;
}

export type RefundCompleted = EventEnvelope<"refund.completed", { readonly refund: RefundReceipt }>;

/** "Send receipt" to an e-mail address: queued as an event, sent by the relay once it has it (DESIGN O9). */
export type ReceiptEmailRequested = EventEnvelope<
  "receipt.email-requested",
  { readonly receiptEventId: EventId; readonly receiptNumber: string; readonly email: string }
>;

export type KasaEvent = SaleCompleted | RefundCompleted | ShiftOpened | ShiftCashMoved | ShiftClosed | ReceiptEmailRequested;
export type KasaEventType = KasaEvent["type"];
