import type { Catalog, CurrencyCode, KasaEvent, StoreId, RegisterId, BusinessDay } from "@kasa/domain";
import type { ImmutableString } from "@automerge/automerge";
import type { Stored } from "./immutable.js";

/** Bumped when a document's shape changes; `migrate*` functions bring older documents forward. */
export const DOCUMENT_SCHEMA_VERSION = 1;

export interface StoreSettings {
  readonly name: string;
  readonly currency: CurrencyCode;
  /** IANA zone: business days and report periods are computed in it. */
  readonly timeZone: string;
  /** BCP 47 locale for money and dates on receipts and screens. */
  readonly locale: string;
  /** "Use shifts": selling needs an open shift on the register. */
  readonly useShifts?: boolean;
  /** Cashiers may switch taxes off on a ticket. */
  readonly allowTaxToggle?: boolean;
  /** Predefined open-ticket names ("Table 1" …); occupied ones are hidden at the till. */
  readonly ticketNames?: readonly string[];
  /** Loyalty points earned per sale with a customer, in thousandths of a percent of the amount (1_000 = 1 %). */
  readonly loyaltyMilliPercent?: number;
  /** Selling above stock shows a warning (online only, DESIGN O11). */
  readonly negativeStockWarning?: boolean;
}

export interface RegisterEntry {
  readonly registerId: RegisterId;
  /** The POS number printed in receipt numbers ("2-1008"). Unique within the store. */
  readonly number: number;
  readonly name: string;
  readonly registerDocUrl: string;
}

/** One per store. Written by the back office; registers keep a read-only offline copy. */
export interface StoreDoc {
  readonly kind: "store";
  readonly schema: number;
  readonly storeId: StoreId;
  readonly settings: StoreSettings;
  readonly catalog: Catalog;
  readonly registers: Readonly<Record<string, RegisterEntry>>;
  /** The store's shared open tickets (every register writes it). */
  readonly ticketsDocUrl?: string;
  /** The store's customers (written by the relay; registers keep a read-only offline copy). */
  readonly customersDocUrl?: string;
}

/** One per register; only that register writes it. Indexes its journals and reserves receipt numbers. */
export interface RegisterDoc {
  readonly kind: "register";
  readonly schema: number;
  readonly storeId: StoreId;
  readonly registerId: RegisterId;
  readonly number: number;
  /** Highest receipt sequence reserved so far; reserved before the sale is written, so a crash can skip a number but never reuse one. */
  readonly lastSequence: number;
  /** Business day → journal document URL. */
  readonly journals: Readonly<Record<string, string>>;
  /** Business day → journals that held the day before `journals[day]` replaced them (a damaged copy, SPEC DOC7). */
  readonly earlierJournals?: Readonly<Record<string, readonly string[]>>;
  /** Shift id → when it opened/closed and the business days its events are in (to find its journals). */
  readonly shifts?: Readonly<Record<string, ShiftIndexEntry>>;
}

export interface ShiftIndexEntry {
  readonly openedAt: number;
  readonly closedAt?: number;
  readonly days: readonly string[];
}

/**
 * One per register per business day: single writer (no conflicts), small (append cost stays flat as
 * history grows). Events are keyed by id so a duplicate delivery changes nothing.
 */
export interface JournalDoc {
  readonly kind: "journal";
  readonly schema: number;
  readonly storeId: StoreId;
  readonly registerId: RegisterId;
  readonly businessDay: BusinessDay;
  readonly events: Readonly<Record<string, KasaEvent>>;
}

export type KasaDoc = StoreDoc | RegisterDoc | JournalDoc;

/** How documents look inside Automerge: every string is an ImmutableString. */
export type StoredStoreDoc = Stored<StoreDoc>;
export type StoredRegisterDoc = Stored<RegisterDoc>;
/** As stored: each event sealed into one ImmutableString (DOC8), or field by field in journals written before. */
export type StoredJournalDoc = Omit<Stored<JournalDoc>, "events"> & { readonly events: Readonly<Record<string, ImmutableString | Stored<KasaEvent>>> };
