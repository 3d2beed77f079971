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
}

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
        ledger.#state = { durable: parsed.durable ?? {}, pending: parsed.pending ?? {}, ...(typeof parsed.reservedSequence === "number" ? { reservedSequence: parsed.reservedSequence } : {}) };
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
    const bytes = new TextEncoder().encode(JSON.stringify(this.#state));
    this.#writing = this.#writing.then(() => this.#storage.save(this.#key, bytes));
    return this.#writing;
  }
}
