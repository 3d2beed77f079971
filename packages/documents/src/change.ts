import { FIRST_RECEIPT_SEQUENCE, type KasaEvent } from "@kasa/domain";
import { toSealed, toStored } from "./immutable.js";
import type { RegisterEntry, StoredJournalDoc, StoredRegisterDoc, StoredStoreDoc } from "./shapes.js";

// Change functions: called inside `handle.change(d => …)`. Automerge hands us a mutable proxy of a
// document typed readonly, hence the local Mutable views.
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Thrown by `appendEvent` into a journal whose creation did not load (SPEC DOC6). */
export class JournalDamagedError extends Error {
  readonly code = "JOURNAL_DAMAGED";
  constructor() {
    super("This journal's history did not load completely; it takes no new events (write a new journal for the day)");
  }
}

/**
 * Appends an event; returns false (and changes nothing) when an event with that id is already there.
 * A journal without its `events` map lost the change that created it (a damaged chunk on the device):
 * a map made now would be a second, concurrent "events" and lose the merge with the relay's copy
 * (chaos finding F5), so it refuses instead (SPEC DOC6).
 */
export function appendEvent(doc: StoredJournalDoc, event: KasaEvent): boolean {
  if (!isWritableJournal(doc)) throw new JournalDamagedError();
  const events = doc.events as Record<string, unknown>;
  if (events[event.id] !== undefined) return false;
  // Sealed: one operation per event (SPEC DOC8). Events are facts, never edited after this.
  events[event.id] = toSealed(event);
  return true;
}

/** A journal with its creation loaded: the kind header and the events map are both there (SPEC DOC6). */
export function isWritableJournal(doc: unknown): boolean {
  const d = doc as { kind?: unknown; events?: unknown } | undefined;
  return d !== undefined && d.kind !== undefined && d.events !== undefined && d.events !== null && typeof d.events === "object";
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

/**
 * Points the day at a new journal and keeps the one it replaces in `earlierJournals` (SPEC DOC7):
 * used when the day's journal can no longer take events on this device. Both stay the day's
 * journals; readers take the union.
 */
export function replaceJournal(doc: StoredRegisterDoc, businessDay: string, journalUrl: string): void {
  const d = doc as Mutable<StoredRegisterDoc> & { earlierJournals?: Record<string, unknown[]> };
  const journals = d.journals as Record<string, unknown>;
  const previous = journals[businessDay];
  if (previous !== undefined && String(previous) !== journalUrl) {
    if (!d.earlierJournals) d.earlierJournals = {};
    if (!d.earlierJournals[businessDay]) d.earlierJournals[businessDay] = [];
    const earlier = d.earlierJournals[businessDay]!;
    if (!earlier.some((u) => String(u) === String(previous))) earlier.push(toStored(String(previous)));
  }
  journals[businessDay] = toStored(journalUrl);
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
