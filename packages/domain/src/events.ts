import type { EventId, RegisterId, ShiftId, StoreId } from "./ids.js";
import type { Minor } from "./money.js";
import type { Receipt } from "./receipt.js";

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

export type KasaEvent = SaleCompleted | ShiftOpened | ShiftCashMoved | ShiftClosed;
export type KasaEventType = KasaEvent["type"];
