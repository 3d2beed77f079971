import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo/slim";
import { chunkDamage } from "./chunk-check.js";
import { DAMAGED_CHUNK_PREFIX } from "./journal-salvage.js";

export interface SetAsideChunk {
  readonly documentId: string;
  readonly key: readonly string[];
  readonly reason: string;
}

/**
 * Wraps the register's storage so a damaged document chunk never reaches automerge-repo: each chunk
 * `loadRange` returns is checked (chunk-check.ts); a damaged one is moved under `kasa-damaged/…`
 * (kept, never deleted), left out, and remembered so the session can report it naming the document
 * (sync SPEC S19). Everything else passes straight through.
 */
export class CheckedStorageAdapter implements StorageAdapterInterface {
  readonly #setAside: SetAsideChunk[] = [];

  constructor(readonly inner: StorageAdapterInterface) {}

  /** Chunks set aside since start, for one document or all. */
  setAside(documentId?: string): readonly SetAsideChunk[] {
    return documentId === undefined ? [...this.#setAside] : this.#setAside.filter((c) => c.documentId === documentId);
  }

  load(key: StorageKey): Promise<Uint8Array | undefined> {
    return this.inner.load(key);
  }

  save(key: StorageKey, data: Uint8Array): Promise<void> {
    return this.inner.save(key, data);
  }

  remove(key: StorageKey): Promise<void> {
    return this.inner.remove(key);
  }

  removeRange(keyPrefix: StorageKey): Promise<void> {
    return this.inner.removeRange(keyPrefix);
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    const chunks = await this.inner.loadRange(keyPrefix);
    const sound: Chunk[] = [];
    for (const chunk of chunks) {
      const reason = chunk.data ? chunkDamage(chunk.key, chunk.data) : undefined;
      if (reason === undefined) {
        sound.push(chunk);
        continue;
      }
      try {
        await this.inner.save([DAMAGED_CHUNK_PREFIX, ...chunk.key], chunk.data!);
        await this.inner.remove(chunk.key);
      } catch {
        // Storage refusing the move (full, read-only): the chunk is still left out of this load.
      }
      this.#setAside.push({ documentId: chunk.key[0]!, key: chunk.key, reason });
    }
    return sound;
  }
}
