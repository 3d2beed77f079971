import type { RegisterId, StoreId, TaxId, TicketDiscountInput, TicketLineInput } from "@kasa/domain";
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

/** A whole-ticket discount on a saved ticket, keyed by discount id; removing one leaves a tombstone (TK5). */
export interface TicketDiscountEntry {
  readonly value?: number;
  readonly removedAt?: number;
}

/** Points redeemed at the relay for this ticket: whoever charges it applies them (TK5). */
export interface TicketPointsRedeemed {
  readonly points: number;
  readonly redemptionId: string;
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
  /** Whole-ticket discounts by discount id (absent on tickets saved before TK5). */
  readonly discounts?: Readonly<Record<string, TicketDiscountEntry>>;
  /** Tax id → true while the cashier has switched that tax off on this ticket. */
  readonly disabledTaxes?: Readonly<Record<string, boolean>>;
  /** The attached customer; absent when none. */
  readonly customerId?: string;
  readonly pointsRedeemed?: TicketPointsRedeemed;
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
  /** Live whole-ticket discounts, by discount id. */
  readonly discounts: readonly TicketDiscountInput[];
  readonly disabledTaxIds: readonly TaxId[];
  readonly customerId?: string;
  readonly pointsRedeemed?: TicketPointsRedeemed;
  readonly status: TicketStatus;
  readonly charges: readonly (TicketCharge & { readonly saleEventId: string })[];
}

export function initialTicketsDoc(storeId: StoreId): Stored<TicketsDoc> {
  const doc: TicketsDoc = { kind: "tickets", schema: DOCUMENT_SCHEMA_VERSION, storeId, tickets: {} };
  return toStored(doc);
}

type MutableEntry = Record<string, unknown> & {
  lines: Record<string, Record<string, unknown>>;
  charges: Record<string, unknown>;
  discounts?: Record<string, Record<string, unknown>>;
  disabledTaxes?: Record<string, boolean>;
  pointsRedeemed?: Record<string, unknown>;
};
type MutableTickets = { tickets: Record<string, MutableEntry> };

/** What a register saves: the ticket as the cashier left it. Absent options mean "none". */
export interface SavedTicket {
  readonly id: string;
  readonly name: string;
  readonly comment: string;
  readonly lines: readonly (TicketLineInput & { readonly lineId: string })[];
  readonly discounts?: readonly TicketDiscountInput[];
  readonly disabledTaxIds?: readonly TaxId[];
  readonly customerId?: string;
  readonly pointsRedeemed?: TicketPointsRedeemed;
}

/**
 * Saves a ticket (new or edited): changed lines are updated field by field, lines no longer on it
 * get a tombstone (TK2); discounts, switched-off taxes, the customer and redeemed points are kept
 * with it (TK5).
 */
export function saveTicket(doc: Stored<TicketsDoc>, t: SavedTicket, by: RegisterId, at: number): void {
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
    // A line's own discounts can change after it was saved (the line dialog); an unchanged list is left alone.
    const ids = [...(line.discountIds ?? [])];
    const had = ((existing.discountIds as unknown[] | undefined) ?? []).map(String);
    if (had.join("\0") !== ids.join("\0")) {
      if (ids.length === 0) delete existing.discountIds;
      else existing.discountIds = toStored(ids) as never;
    }
    if (existing.removedAt !== undefined) delete existing.removedAt;
  });
  for (const [lineId, line] of Object.entries(entry.lines)) if (!keep.has(lineId) && line.removedAt === undefined) line.removedAt = at;
  saveTicketOptions(entry, t, at);
}

/** The ticket-level parts of a save (TK5), each written only where it changed so concurrent edits merge. */
function saveTicketOptions(entry: MutableEntry, t: SavedTicket, at: number): void {
  entry.discounts ??= {};
  const discounts = entry.discounts;
  const wanted = new Map((t.discounts ?? []).map((d) => [String(d.discountId), d.value]));
  for (const [discountId, value] of wanted) {
    const existing = discounts[discountId];
    if (!existing) {
      discounts[discountId] = value === undefined ? {} : { value };
      continue;
    }
    if (existing.value !== value) {
      if (value === undefined) delete existing.value;
      else existing.value = value;
    }
    if (existing.removedAt !== undefined) delete existing.removedAt;
  }
  for (const [discountId, d] of Object.entries(discounts)) if (!wanted.has(discountId) && d.removedAt === undefined) d.removedAt = at;

  entry.disabledTaxes ??= {};
  const taxes = entry.disabledTaxes;
  const off = new Set((t.disabledTaxIds ?? []).map(String));
  for (const id of off) if (taxes[id] !== true) taxes[id] = true;
  for (const [id, on] of Object.entries(taxes)) if (on && !off.has(id)) taxes[id] = false;

  const customer = String(entry.customerId ?? "");
  if (t.customerId === undefined) {
    if (entry.customerId !== undefined) delete entry.customerId;
  } else if (customer !== t.customerId) entry.customerId = toStored(t.customerId);

  const points = entry.pointsRedeemed as { points?: number; redemptionId?: unknown } | undefined;
  if (t.pointsRedeemed === undefined) {
    if (points !== undefined) delete entry.pointsRedeemed;
  } else if (points?.points !== t.pointsRedeemed.points || String(points.redemptionId ?? "") !== t.pointsRedeemed.redemptionId) {
    entry.pointsRedeemed = toStored({ points: t.pointsRedeemed.points, redemptionId: t.pointsRedeemed.redemptionId }) as never;
  }
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
    const discounts = Object.entries(t.discounts ?? {})
      .filter(([, d]) => d.removedAt === undefined)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([discountId, d]) => ({ discountId, ...(d.value === undefined ? {} : { value: d.value }) }) as TicketDiscountInput);
    const disabledTaxIds = Object.entries(t.disabledTaxes ?? {})
      .filter(([, off]) => off)
      .map(([id]) => id as TaxId)
      .sort();
    return {
      id: t.id,
      name: t.name,
      comment: t.comment,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      createdBy: t.createdBy,
      lines,
      discounts,
      disabledTaxIds,
      ...(t.customerId ? { customerId: t.customerId } : {}),
      ...(t.pointsRedeemed ? { pointsRedeemed: t.pointsRedeemed } : {}),
      status,
      charges,
    };
  });
}
