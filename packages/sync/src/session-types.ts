import type { Repo, StorageAdapterInterface } from "@automerge/automerge-repo/slim";
import type { IdSource, RefundCompleted, SaleCompleted, ShiftReport } from "@kasa/domain";
import type { Customer, StoreDoc, TicketView } from "@kasa/documents";
import type { PairedRegister } from "./paired-register.js";
import type { RelayApi } from "./relay-api.js";
import type { RelayClientAdapter, RelayConnectionStatus } from "./relay-client-adapter.js";
import type { DamagedJournal } from "./journal-health.js";

// The register session's public shapes: what the apps read (the snapshot) and what they pass in.

export interface LocalReceipt {
  readonly event: SaleCompleted;
  /** True once the relay has acknowledged the event as stored on its disk (DESIGN §5). */
  readonly synced: boolean;
}

export interface LocalRefund {
  readonly event: RefundCompleted;
  readonly synced: boolean;
}

export interface ShiftView {
  readonly report: ShiftReport;
  /** False while any of the shift's events (open, pay in/out, close, its sales) is not durable on the relay. */
  readonly synced: boolean;
}

export interface RegisterSnapshot {
  readonly store: StoreDoc;
  readonly receipts: readonly LocalReceipt[];
  /** Refund receipts written on this register (shown in red, each referencing its sale). */
  readonly refunds: readonly LocalRefund[];
  readonly unsyncedCount: number;
  readonly connection: RelayConnectionStatus;
  /** The open shift with its live report, if any. */
  readonly shift: ShiftView | undefined;
  /** Store setting "use shifts": selling needs an open shift. */
  readonly shiftsRequired: boolean;
  /** The store's open tickets (shared by every register; local edits while offline). */
  readonly tickets: readonly TicketView[];
  /** Tickets charged on two registers while they were apart: both receipts stand, someone should look. */
  readonly ticketsChargedTwice: readonly TicketView[];
  /** The store's customers from its customers document (written by the relay), readable offline (DESIGN O7). */
  readonly customers: readonly Customer[];
  /** Relay clock minus device clock (ms), measured on each connection; undefined until measured. The UI warns past 2 min. */
  readonly clockSkewMs: number | undefined;
  /** Journals found damaged on this device since the session opened, each naming its document (SPEC S15). */
  readonly damagedJournals: readonly DamagedJournal[];
}

export interface RegisterSessionOptions {
  readonly repo: Repo;
  /** The same storage adapter the repo uses: the sync ledger lives beside the documents. */
  readonly storage: StorageAdapterInterface;
  readonly paired: PairedRegister;
  readonly connection: RelayClientAdapter;
  readonly ids: IdSource;
  /** Name of the signed-in cashier, recorded on shift events. */
  readonly cashier?: () => string | undefined;
  /** The relay's online-only commands (refunds, customers …); without it they are refused. */
  readonly api?: RelayApi;
  /** Deletes this register's local data (documents, ledger); called by `resetLocalData` only when nothing is unsynced. */
  readonly wipeLocalData?: () => Promise<void>;
}

export type SessionFailure = { readonly code: string; readonly message: string; readonly path?: string };
export type SaleFailure = SessionFailure;
