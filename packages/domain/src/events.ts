import type { EventId, RegisterId, StoreId } from "./ids.js";
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

export type KasaEvent = SaleCompleted;
export type KasaEventType = KasaEvent["type"];
