import type { PairedRegister } from "@kasa/sync";
import type { KasaEvent, ShiftReport } from "@kasa/domain";

/** Messages between a chaos test (parent) and a register running in its own process (register-worker.ts). */

export type WorkerRequest =
  | { readonly op: "open"; readonly dir: string; readonly paired: PairedRegister; readonly relayUrl: string; readonly seed: number }
  /** Closes the session and shuts the Repo down (a "partition" of this register); the process stays. */
  | { readonly op: "close" }
  | { readonly op: "sell"; readonly count: number }
  /** Sells until "stopSelling", pausing minPauseMs..maxPauseMs between sales. */
  | { readonly op: "startSelling"; readonly minPauseMs: number; readonly maxPauseMs: number }
  | { readonly op: "stopSelling" }
  | { readonly op: "shift"; readonly action: "open" | "in" | "out" | "close"; readonly amount: number }
  /**
   * Fault injection: every file write of this process (fs.promises.writeFile, what the NodeFS
   * storage adapter uses) waits this long first — a slow disk. 0 turns it off.
   */
  | { readonly op: "setWriteDelay"; readonly ms: number }
  | { readonly op: "status" }
  | { readonly op: "state" }
  | { readonly op: "exit" };

export interface WorkerStatus {
  readonly open: boolean;
  readonly unsyncedCount: number;
  readonly connection: string;
  /** The connection's last error or rejection, if any. */
  readonly connectionError?: string;
  readonly receipts: number;
  readonly syncedReceipts: number;
  readonly shiftOpen: boolean;
}

export interface WorkerReceipt {
  readonly id: string;
  readonly number: string;
  readonly synced: boolean;
}

export interface WorkerState extends WorkerStatus {
  /** What the session shows (journals it has open). */
  readonly receiptList: readonly WorkerReceipt[];
  /** Every event of every journal the register document indexes, read from this device's storage. */
  readonly events: readonly KasaEvent[];
  readonly journalUrls: readonly string[];
  /** Journals the register document indexes but the Repo could not load from local storage. */
  readonly unloadableJournals: readonly { readonly url: string; readonly error: string }[];
  /**
   * The session snapshot without its bulky parts (store, receipts, shift), as JSON: whatever the
   * register would show besides receipts — used to see whether a problem is surfaced at all.
   */
  readonly snapshotRest: string;
  /** The register's own shift reports (RegisterSession.shiftHistory), with their synced flag. */
  readonly shifts: readonly { readonly report: ShiftReport; readonly synced: boolean }[];
}

export type WorkerReply = { readonly reply: number; readonly ok: true; readonly value: unknown } | { readonly reply: number; readonly ok: false; readonly error: string };

/** Unsolicited reports. "sold" is sent only after `sell()` resolved, i.e. after the sale is in local storage. */
export type WorkerEvent =
  | { readonly ev: "ready" }
  | { readonly ev: "sold"; readonly id: string; readonly number: string }
  | { readonly ev: "sell-failed"; readonly code: string; readonly message: string }
  | { readonly ev: "synced"; readonly ids: readonly string[] }
  | { readonly ev: "error"; readonly kind: "uncaughtException" | "unhandledRejection"; readonly message: string };

export type WorkerMessage = WorkerReply | WorkerEvent;
