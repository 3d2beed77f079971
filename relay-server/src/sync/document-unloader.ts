import type { DocumentId, Repo } from "@automerge/automerge-repo";
import type { Logger } from "pino";

export interface UnloaderHooks {
  /** A flush (durable ack) is running or queued for the document: it must stay loaded. */
  isBusy(documentId: string): boolean;
  /** Called after the document left memory, to drop per-document caches elsewhere. */
  onUnloaded(documentId: string): void;
}

interface SynchronizerView {
  readonly docSynchronizers: Record<string, { hasPeer(peerId: string): boolean } | undefined>;
}

/**
 * The stock Repo keeps every document it ever touched in memory (research/automerge.md §5, #330);
 * on a relay serving many stores that only grows. A document that no connected peer is syncing,
 * and that has been so for `idleMs`, is removed with `repo.removeFromCache`; the next sync for it
 * loads it from storage again. Never while its flush runs: the durable ack needs the handle.
 */
export class DocumentUnloader {
  readonly #idleSince = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #sweeping = false;

  constructor(
    private readonly repo: Repo,
    private readonly idleMs: number,
    private readonly hooks: UnloaderHooks,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /** Sweeps every `min(idleMs / 2, 60 s)`, so a document leaves at most that long after its idle time. */
  start(): void {
    if (this.idleMs <= 0) return;
    this.#timer = setInterval(() => void this.sweep(), Math.max(1_000, Math.min(this.idleMs / 2, 60_000)));
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One pass: notes newly idle documents, unloads those idle long enough; returns how many left memory. */
  async sweep(): Promise<number> {
    if (this.idleMs <= 0 || this.#sweeping) return 0;
    this.#sweeping = true;
    try {
      const t = this.now();
      const handles = this.repo.handles;
      for (const id of this.#idleSince.keys()) if (!handles[id as DocumentId]) this.#idleSince.delete(id);
      const due: DocumentId[] = [];
      for (const [id, handle] of Object.entries(handles)) {
        // Only ready documents: a handle still loading or "unavailable" has nothing to unload and removeFromCache would wait on it.
        if (!handle.isReady() || this.#inUse(id) || this.hooks.isBusy(id)) {
          this.#idleSince.delete(id);
          continue;
        }
        const since = this.#idleSince.get(id);
        if (since === undefined) this.#idleSince.set(id, t);
        else if (t - since >= this.idleMs) due.push(id as DocumentId);
      }
      let unloaded = 0;
      for (const id of due) {
        // Re-checked right before: a peer may have opened it, or a flush started, since the scan.
        if (this.#inUse(id) || this.hooks.isBusy(id)) continue;
        this.#idleSince.delete(id);
        // automerge-repo 2.5.6's unload() swaps the document for an empty one and emits heads-changed;
        // the Repo's throttled save then writes that empty document as a new snapshot 100 ms later and
        // compaction deletes the real one: the document is gone from disk (measured, test RL16). The
        // handle is being discarded, so its save and sync listeners go first.
        const handle = this.repo.handles[id];
        handle?.removeAllListeners("heads-changed");
        handle?.removeAllListeners("change");
        await this.repo.removeFromCache(id);
        this.hooks.onUnloaded(id);
        unloaded++;
      }
      if (unloaded > 0) this.log.info({ unloaded, loaded: Object.keys(this.repo.handles).length }, "idle documents unloaded");
      return unloaded;
    } catch (error) {
      this.log.error({ err: error }, "unloading idle documents failed");
      return 0;
    } finally {
      this.#sweeping = false;
    }
  }

  #inUse(documentId: string): boolean {
    const synchronizer = (this.repo.synchronizer as unknown as SynchronizerView).docSynchronizers[documentId];
    return synchronizer !== undefined && this.repo.peers.some((peer) => synchronizer.hasPeer(peer));
  }
}
