import * as A from "@automerge/automerge";
import type { DocHandle, DocumentId, Repo } from "@automerge/automerge-repo";
import type { Logger } from "pino";
import { DURABLE_ACK_TYPE, type DurableAck } from "@kasa/documents";

export interface DurableAckHooks {
  /** Called after each flush with the heads now on disk; the read model projects from here. */
  onDurable?(handle: DocHandle<unknown>, heads: string[]): void | Promise<void>;
  onFlushError?(documentId: string, error: unknown): void;
  /** Milliseconds from the first unacknowledged sync to the ack that covers it (the "synced" latency a register sees). */
  onAcked?(documentId: string, latencyMs: number): void;
  /**
   * Whether devices track this document's durability (by default every document). An ack goes to
   * every peer syncing the document: for one every register syncs (the store document) that is
   * one message per register on each register's sync, quadratic in the registers of a store.
   */
  acknowledges?(handle: DocHandle<unknown>): boolean;
}

interface FlushState {
  running: boolean;
  again: boolean;
  /** performance.now() of the oldest sync not yet covered by an ack. */
  since: number | undefined;
}

/**
 * automerge-repo's remote heads tell a register what the relay has *seen*; a relay killed right
 * after that lost the change 46 times in 48 (research/automerge.md §3.3). So after every inbound
 * sync the relay flushes the document to its (fsync'ing) storage and only then tells the peers
 * which heads are durable. Flushes of one document never overlap: changes arriving during a flush
 * are coalesced into one more round.
 */
export class DurableAcks {
  readonly #repo: Repo;
  readonly #log: Logger;
  readonly #hooks: DurableAckHooks;
  readonly #state = new Map<string, FlushState>();
  #closed = false;

  constructor(repo: Repo, log: Logger, hooks: DurableAckHooks = {}) {
    this.#repo = repo;
    this.#log = log;
    this.#hooks = hooks;
    // Repo 2.5.6 never emits a "document" event; the synchronizer's sync-state fires on every
    // inbound sync message, which is exactly when new heads may need acknowledging (and when a
    // reconnecting register needs to hear the current durable heads again).
    (repo as unknown as { synchronizer: { on(e: "sync-state", f: (p: { documentId: DocumentId }) => void): void } }).synchronizer.on(
      "sync-state",
      ({ documentId }) => this.schedule(documentId),
    );
  }

  schedule(documentId: DocumentId): void {
    if (this.#closed) return;
    const handle = this.#repo.handles[documentId];
    if (!handle) return;
    const st = this.#state.get(documentId) ?? { running: false, again: false, since: undefined };
    this.#state.set(documentId, st);
    st.since ??= performance.now();
    if (st.running) {
      st.again = true;
      return;
    }
    st.running = true;
    void this.#run(handle as DocHandle<unknown>, st);
  }

  /** True while a flush of the document runs: it must not be unloaded from memory then. */
  isBusy(documentId: string): boolean {
    return this.#state.get(documentId)?.running ?? false;
  }

  /** Drops the state of a document that left memory. */
  forget(documentId: string): void {
    if (!this.isBusy(documentId)) this.#state.delete(documentId);
  }

  async #run(handle: DocHandle<unknown>, st: FlushState): Promise<void> {
    try {
      if (!handle.isReady()) await handle.whenReady(["ready"]).catch(() => undefined);
      if (!handle.isReady()) return;
      do {
        st.again = false;
        const since = st.since;
        st.since = undefined;
        // Read the heads before the flush: flush() saves at least this state, maybe more.
        const heads = A.getHeads(handle.doc() as A.Doc<unknown>);
        await this.#repo.flush([handle.documentId]);
        if (this.#closed) return;
        if (this.#hooks.acknowledges?.(handle) ?? true) {
          const ack: DurableAck = { type: DURABLE_ACK_TYPE, heads };
          handle.broadcast(ack);
        }
        this.#retries.delete(handle.documentId);
        if (since !== undefined) this.#hooks.onAcked?.(handle.documentId, performance.now() - since);
        await this.#hooks.onDurable?.(handle, heads);
      } while (st.again && !this.#closed);
    } catch (error) {
      this.#log.error({ err: error, documentId: handle.documentId }, "flush failed; heads not acknowledged");
      this.#hooks.onFlushError?.(handle.documentId, error);
      // A full or read-only disk may recover: try again with backoff instead of waiting for the
      // next inbound change (chaos finding F4). Nothing is acknowledged until a flush succeeds.
      this.#retry(handle.documentId);
    } finally {
      st.running = false;
    }
  }

  readonly #retries = new Map<string, { attempt: number; timer: ReturnType<typeof setTimeout> }>();

  #retry(documentId: DocumentId): void {
    if (this.#closed) return;
    const prev = this.#retries.get(documentId);
    const attempt = (prev?.attempt ?? 0) + 1;
    // 250 ms, 500 ms … capped at 10 s: fast enough that registers turn synced soon after space returns.
    const delay = Math.min(10_000, 250 * 2 ** (attempt - 1));
    const timer = setTimeout(() => this.schedule(documentId), delay);
    timer.unref?.();
    this.#retries.set(documentId, { attempt, timer });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const r of this.#retries.values()) clearTimeout(r.timer);
  }
}
