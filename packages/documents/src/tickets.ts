import type { RegisterId, StoreId, TicketLineInput } from "@kasa/domain";
import { fromStored, toStored, type Stored } from "./immutable.js";
import { DOCUMENT_SCHEMA_VERSION } from "./shapes.js";

/**
 * Open tickets of a store: one document every register writes (the only multi-writer document).
 * Offline, a register's edits stay in its copy and merge on reconnection. Nothing is ever deleted
 * from the maps — lines and tickets get tombstones — so a concurrent edit is never silently lost
 * to a concurrent delete (TK3).
 */
export interface TicketsDoc {
  readonly kind: "tickets";
  readonly schema: number;
  readonly storeId: StoreId;
  readonly tickets: Readonly<Record<string, TicketEntry>>;
}

export interface TicketLine extends TicketLineInput {
  /** Order on the ticket; ties broken by line id. */
  readonly position: number;
  readonly removedAt?: number;
}

export interface TicketCharge {
  readonly registerId: RegisterId;
  readonly at: number;
  readonly receiptNumber: string;
}

export interface TicketEntry {
  readonly id: string;
  readonly name: string;
  readonly comment: string;
  readonly createdAt: number;
  readonly createdBy: RegisterId;
  readonly updatedAt: number;
  readonly updatedBy: RegisterId;
  readonly lines: Readonly<Record<string, TicketLine>>;
  /** Sale event id → who charged it. Two entries = charged twice while apart (TK4). */
  readonly charges: Readonly<Record<string, TicketCharge>>;
  readonly deletedAt?: number;
  readonly deletedBy?: RegisterId;
}

export type TicketStatus = "open" | "charged" | "charged-twice" | "deleted";

export interface TicketView {
  readonly id: string;
  readonly name: string;
  readonly comment: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly createdBy: string;
  /** Live lines in order. */
  readonly lines: readonly (TicketLineInput & { readonly lineId: string })[];
  readonly status: TicketStatus;
  readonly charges: readonly (TicketCharge & { readonly saleEventId: string })[];
}

export function initialTicketsDoc(storeId: StoreId): Stored<TicketsDoc> {
  const doc: TicketsDoc = { kind: "tickets", schema: DOCUMENT_SCHEMA_VERSION, storeId, tickets: {} };
  return toStored(doc);
}

type MutableTickets = { tickets: Record<string, Record<string, unknown> & { lines: Record<string, Record<string, unknown>>; charges: Record<string, unknown> }> };

/** Saves a ticket (new or edited): changed lines are updated field by field, lines no longer on it get a tombstone (TK2). */
export function saveTicket(
  doc: Stored<TicketsDoc>,
  t: { id: string; name: string; comment: string; lines: readonly (TicketLineInput & { lineId: string })[] },
  by: RegisterId,
  at: number,
): void {
  const d = doc as unknown as MutableTickets;
  let entry = d.tickets[t.id];
  if (!entry) {
    d.tickets[t.id] = toStored({ id: t.id, name: t.name, comment: t.comment, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, lines: {}, charges: {} }) as never;
    entry = d.tickets[t.id]!;
  }
  if (String(entry.name) !== t.name) entry.name = toStored(t.name);
  if (String(entry.comment) !== t.comment) entry.comment = toStored(t.comment);
  entry.updatedAt = at;
  entry.updatedBy = toStored(by);
  const keep = new Set(t.lines.map((l) => l.lineId));
  t.lines.forEach((l, position) => {
    const { lineId, ...line } = l;
    const existing = entry.lines[lineId];
    if (!existing) {
      entry.lines[lineId] = toStored({ ...line, position }) as never;
      return;
    }
    // Field by field, so a concurrent edit of another field on another register survives the merge.
    if (existing.quantityMilli !== line.quantityMilli) existing.quantityMilli = line.quantityMilli;
    if (existing.position !== position) existing.position = position;
    const comment = line.comment ?? "";
    if (String(existing.comment ?? "") !== comment) existing.comment = toStored(comment);
    if (existing.removedAt !== undefined) delete existing.removedAt;
  });
  for (const [lineId, line] of Object.entries(entry.lines)) if (!keep.has(lineId) && line.removedAt === undefined) line.removedAt = at;
}

export function deleteTicket(doc: Stored<TicketsDoc>, ticketId: string, by: RegisterId, at: number): boolean {
  const entry = (doc as unknown as MutableTickets).tickets[ticketId];
  if (!entry || entry.deletedAt !== undefined) return false;
  entry.deletedAt = at;
  entry.deletedBy = toStored(by);
  return true;
}

/** Records that a ticket was charged by a sale; a second sale from another register makes it "charged twice" (TK4). */
export function chargeTicket(doc: Stored<TicketsDoc>, ticketId: string, saleEventId: string, charge: TicketCharge): boolean {
  const entry = (doc as unknown as MutableTickets).tickets[ticketId];
  if (!entry) return false;
  if (entry.charges[saleEventId] === undefined) entry.charges[saleEventId] = toStored(charge);
  return true;
}

/** Every ticket as a view; callers filter by status ("open" for the list, "charged-twice" for flags). */
export function readTickets(doc: unknown): TicketView[] {
  const plain = fromStored<TicketsDoc>(doc);
  return Object.values(plain.tickets ?? {}).map((t) => {
    const charges = Object.entries(t.charges ?? {}).map(([saleEventId, c]) => ({ saleEventId, ...c }));
    const status: TicketStatus = charges.length >= 2 ? "charged-twice" : charges.length === 1 ? "charged" : t.deletedAt !== undefined ? "deleted" : "open";
    const lines = Object.entries(t.lines ?? {})
      .filter(([, l]) => l.removedAt === undefined)
      .sort((a, b) => a[1].position - b[1].position || (a[0] < b[0] ? -1 : 1))
      .map(([lineId, { position: _p, removedAt: _r, ...l }]) => ({ lineId, ...l }));
    return { id: t.id, name: t.name, comment: t.comment, createdAt: t.createdAt, updatedAt: t.updatedAt, createdBy: t.createdBy, lines, status, charges };
  });
}
