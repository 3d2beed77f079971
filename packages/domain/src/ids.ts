import { v7 } from "uuid";

type Brand<T, B extends string> = T & { readonly __brand: B };

export type StoreId = Brand<string, "StoreId">;
export type RegisterId = Brand<string, "RegisterId">;
export type ItemId = Brand<string, "ItemId">;
export type TaxId = Brand<string, "TaxId">;
export type CategoryId = Brand<string, "CategoryId">;
export type EventId = Brand<string, "EventId">;
export type VariantId = Brand<string, "VariantId">;
export type ModifierId = Brand<string, "ModifierId">;
export type DiscountId = Brand<string, "DiscountId">;
export type PaymentTypeId = Brand<string, "PaymentTypeId">;
export type ShiftId = Brand<string, "ShiftId">;

/** Randomness and time are injected so that ids are reproducible in tests. */
export interface IdSource {
  now(): number;
  randomBytes(length: number): Uint8Array;
}

/**
 * Event ids are UUIDv7: generated on the device without coordination, and time-ordered, so
 * sorting a journal's keys gives the order the register wrote them in.
 */
export function newEventId(source: IdSource): EventId {
  return v7({ msecs: source.now(), random: source.randomBytes(16) }) as EventId;
}

export function newId<T extends string>(source: IdSource): Brand<string, T> {
  return v7({ msecs: source.now(), random: source.randomBytes(16) }) as Brand<string, T>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
