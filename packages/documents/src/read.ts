import type { KasaEvent } from "@kasa/domain";
import { fromSealed, fromStored, str } from "./immutable.js";
import { unsealCatalog } from "./sealed-catalog.js";
import type { JournalDoc, KasaDoc, RegisterDoc, StoreDoc } from "./shapes.js";

/** The kind of an unknown document, or undefined if it is not one of ours (e.g. a stray or hostile doc). */
export function docKind(doc: unknown): KasaDoc["kind"] | "tickets" | "customers" | undefined {
  if (doc === null || typeof doc !== "object") return undefined;
  const kind = str((doc as { kind?: unknown }).kind);
  return kind === "store" || kind === "register" || kind === "journal" || kind === "tickets" || kind === "customers" ? kind : undefined;
}

export function readStore(doc: unknown): StoreDoc {
  const store = fromStored<StoreDoc>(doc);
  // Sealed catalog entries (DOC9) come out of fromStored as JSON strings.
  return { ...store, catalog: unsealCatalog(store.catalog) };
}
export const readRegister = (doc: unknown): RegisterDoc => fromStored<RegisterDoc>(doc);

/** Journal header without its events: cheap to read on every change. */
export function readJournalHeader(doc: unknown): Omit<JournalDoc, "events"> {
  const d = doc as Record<string, unknown>;
  return fromStored({ kind: d.kind, schema: d.schema, storeId: d.storeId, registerId: d.registerId, businessDay: d.businessDay });
}

/**
 * Events of a journal as plain objects, in id order (= device time order, ids being UUIDv7).
 * Events are returned unvalidated: a reader facing untrusted input runs `parseEvent` on each.
 */
export function readJournalEvents(doc: unknown, ids?: readonly string[]): unknown[] {
  const events = (doc as { events?: Record<string, unknown> }).events ?? {};
  const keys = ids ?? Object.keys(events).sort();
  return keys.flatMap((id) => (events[id] === undefined ? [] : [fromSealed<KasaEvent>(events[id])]));
}

export function journalEventIds(doc: unknown): string[] {
  return Object.keys((doc as { events?: Record<string, unknown> }).events ?? {}).sort();
}

/** Every journal URL of a business day: the current one and any it replaced (SPEC DOC7). */
export function journalsOfDay(reg: RegisterDoc, day: string): string[] {
  const current = reg.journals[day];
  return [...(reg.earlierJournals?.[day] ?? []), ...(current ? [current] : [])];
}

/** Every journal URL the register document names, current and replaced. */
export function allJournalUrls(reg: RegisterDoc): string[] {
  return [...Object.values(reg.earlierJournals ?? {}).flat(), ...Object.values(reg.journals)];
}
