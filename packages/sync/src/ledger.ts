import type { StorageAdapterInterface } from "@automerge/automerge-repo/slim";

interface LedgerState {
  /**
   * Highest receipt sequence handed out, written before the sale's change exists: the change can
   * reach the relay before the local flush, so a register killed in between must not reuse the
   * number after its restart (chaos finding F2).
   */
  reservedSequence?: number;
  /** Per journal document id: the heads the relay has acknowledged as durable. */
  durable: Record<string, string[]>;
  /** Journals written here that the relay has not yet fully acknowledged: document id → URL. */
  pending: Record<string, string>;
  /**
   * Per journal document id: heads of what this register flushed to local storage. A journal that
   * loads without them lost part of its history on this device (SPEC S15).
   */
  written?: Record<string, string[]>;
}

/** How long recorded heads may wait for a save of their own; any earlier save (the next sale's reservation) carries them. */
const LAZY_SAVE_MS = 250;

/**
 * The register's own record of what the relay has on disk. Kept in the same storage as the
 * documents (IndexedDB or disk) under a key automerge-repo never uses, so "Unsynced" survives a
 * reload while offline, and so a restarted register knows which journals it must open and push:
 * automerge-repo only syncs documents that are open (research/automerge.md §3.4).
 */
export class SyncLedger {
  readonly #storage: StorageAdapterInterface;
  readonly #key: string[];
  #state: LedgerState = { durable: {}, pending: {} };
  #writing: Promise<void> = Promise.resolve();
  #lazySave: ReturnType<typeof setTimeout> | undefined;
  #dirty = false;

  private constructor(storage: StorageAdapterInterface, registerId: string) {
    this.#storage = storage;
    this.#key = ["kasa-ledger", registerId];
  }

  static async open(storage: StorageAdapterInterface, registerId: string): Promise<SyncLedger> {
    const ledger = new SyncLedger(storage, registerId);
    const bytes = await storage.load(ledger.#key);
    if (bytes) {
      try {
        const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<LedgerState>;
        ledger.#state = {
          durable: parsed.durable ?? {},
          pending: parsed.pending ?? {},
          written: parsed.written ?? {},
          ...(typeof parsed.reservedSequence === "number" ? { reservedSequence: parsed.reservedSequence } : {}),
        };
      } catch {
        // A corrupt ledger only costs knowledge of what is synced: everything shows Unsynced until the relay re-acknowledges.
        ledger.#state = { durable: {}, pending: {} };
      }
    }
    return ledger;
  }

  get reservedSequence(): number {
    return this.#state.reservedSequence ?? 0;
  }

  /** Makes `sequence` durably taken before anything carrying it is written (SPEC S7). */
  reserveSequence(sequence: number): Promise<void> {
    if (sequence <= this.reservedSequence) return this.#writing;
    this.#state.reservedSequence = sequence;
    return this.#save();
  }

  durableHeads(docId: string): string[] | undefined {
    return this.#state.durable[docId];
  }

  writtenHeads(docId: string): string[] | undefined {
    return this.#state.written?.[docId];
  }

  /**
   * Records the heads of a journal just flushed to local storage. No write of its own on the sale
   * path: the next save (the next sale's number reservation) carries it, or a lazy save shortly
   * after, so a burst of sales costs no extra writes (SPEC S15).
   */
  noteWritten(docId: string, heads: string[]): void {
    (this.#state.written ??= {})[docId] = heads;
    this.#dirty = true;
    if (this.#lazySave === undefined) {
      this.#lazySave = setTimeout(() => {
        this.#lazySave = undefined;
        if (this.#dirty) void this.#save().catch(() => undefined);
      }, LAZY_SAVE_MS);
    }
  }

  /** Writes what is still only in memory (on close). */
  async flush(): Promise<void> {
    if (this.#lazySave !== undefined) clearTimeout(this.#lazySave);
    this.#lazySave = undefined;
    if (this.#dirty) await this.#save();
    await this.#writing;
  }

  pendingUrls(): string[] {
    return Object.values(this.#state.pending);
  }

  isPending(docId: string): boolean {
    return docId in this.#state.pending;
  }

  markPending(docId: string, url: string): Promise<void> {
    if (this.#state.pending[docId] === url) return this.#writing;
    this.#state.pending[docId] = url;
    return this.#save();
  }

  /**
   * Records the relay's durable heads. A fully synced journal stays pending when `keepPending`
   * (today's, still being written): dropping and re-adding it would cost a write per sale.
   */
  setDurable(docId: string, heads: string[], fullySynced: boolean, keepPending = false): Promise<void> {
    this.#state.durable[docId] = heads;
    if (fullySynced && !keepPending) delete this.#state.pending[docId];
    return this.#save();
  }

  /** Writes are chained so an older state never overwrites a newer one. */
  #save(): Promise<void> {
    this.#dirty = false;
    const bytes = new TextEncoder().encode(JSON.stringify(this.#state));
    this.#writing = this.#writing.then(() => this.#storage.save(this.#key, bytes));
    return this.#writing;
  }
}
