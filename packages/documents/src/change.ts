import { FIRST_RECEIPT_SEQUENCE, type KasaEvent } from "@kasa/domain";
import { toStored, type Stored } from "./immutable.js";
import type { RegisterEntry, StoredJournalDoc, StoredRegisterDoc, StoredStoreDoc } from "./shapes.js";

// Change functions: called inside `handle.change(d => …)`. Automerge hands us a mutable proxy of a
// document typed readonly, hence the local Mutable views.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Appends an event; returns false (and changes nothing) when an event with that id is already there. */
export function appendEvent(doc: StoredJournalDoc, event: KasaEvent): boolean {
  // A journal whose first chunk was lost on the device loads without its map (chaos finding F1b):
  // recreate it rather than refuse every sale for the rest of the day.
  if ((doc as { events?: unknown }).events === undefined) (doc as unknown as { events: Record<string, unknown> }).events = {};
  const events = doc.events as Record<string, Stored<KasaEvent>>;
  if (events[event.id] !== undefined) return false;
  events[event.id] = toStored(event);
  return true;
}

/** Reserves the next receipt sequence (SPEC DOC3). Call in the register doc's own change, before writing the sale. */
export function reserveSequence(doc: StoredRegisterDoc): number {
  const d = doc as Mutable<StoredRegisterDoc>;
  const next = Math.max(d.lastSequence + 1, FIRST_RECEIPT_SEQUENCE);
  d.lastSequence = next;
  return next;
}

/** Moves the register's recorded last sequence forward (never back): a cheap checkpoint for new days. */
export function advanceSequence(doc: StoredRegisterDoc, lastUsed: number): void {
  const d = doc as Mutable<StoredRegisterDoc>;
  if (lastUsed > d.lastSequence) d.lastSequence = lastUsed;
}

export function recordJournal(doc: StoredRegisterDoc, businessDay: string, journalUrl: string): void {
  const journals = doc.journals as Record<string, unknown>;
  if (journals[businessDay] === undefined) journals[businessDay] = toStored(journalUrl);
}

export function putRegisterEntry(doc: StoredStoreDoc, entry: RegisterEntry): void {
  (doc.registers as Record<string, unknown>)[entry.registerId] = toStored(entry);
}

/** Indexes a shift event in the register document: the shift's days, and when it opened or closed. */
export function recordShiftEvent(doc: StoredRegisterDoc, shiftId: string, businessDay: string, at: number, kind: "opened" | "moved" | "closed"): void {
  const d = doc as Mutable<StoredRegisterDoc> & { shifts?: Record<string, { openedAt: number; closedAt?: number; days: unknown[] }> };
  if (!d.shifts) d.shifts = {};
  let entry = d.shifts[shiftId];
  if (!entry) {
    d.shifts[shiftId] = { openedAt: at, days: [] };
    entry = d.shifts[shiftId]!;
  }
  if (!entry.days.some((day) => String(day) === businessDay)) entry.days.push(toStored(businessDay));
  if (kind === "closed") entry.closedAt = at;
}
