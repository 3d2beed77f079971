import * as A from "@automerge/automerge/slim";
import type { AutomergeUrl, DocHandle, DocumentId, Repo, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo/slim";

/** Storage prefix under which undecodable chunks are kept, never deleted: evidence, and a chance of manual repair. */
export const DAMAGED_CHUNK_PREFIX = "kasa-damaged";

export interface SalvagedJournal<T> {
  readonly handle: DocHandle<T>;
  readonly chunksSetAside: number;
}

/**
 * A journal whose stored chunks no longer decode (a torn write, bit rot) makes `repo.find` fail, and
 * the Repo then keeps that document's handle stuck in "loading" for good (automerge-repo 2.5); one
 * whose creation chunk is gone loads with no change applied and is called "unavailable" offline.
 * This loads every chunk that still decodes, moves the others aside under `kasa-damaged`, and hands
 * the partial document to the stuck handle, which then syncs like any other: the relay's copy fills
 * in what the damage took (SPEC S15). Returns undefined when there is no stuck handle to give it to.
 */
export async function salvageJournal<T>(repo: Repo, storage: StorageAdapterInterface, url: string): Promise<SalvagedJournal<T> | undefined> {
  const documentId = url.replace(/^automerge:/, "") as DocumentId;
  const chunks = await storage.loadRange([documentId]);
  let doc = A.init<T>();
  let chunksSetAside = 0;
  for (const chunk of chunks) {
    const kind = chunk.key[1];
    if ((kind !== "snapshot" && kind !== "incremental") || !chunk.data) continue;
    try {
      doc = A.loadIncremental(doc, chunk.data);
    } catch {
      // Set aside before removing: the bytes are kept, only out of the Repo's way.
      const aside: StorageKey = [DAMAGED_CHUNK_PREFIX, ...chunk.key];
      await storage.save(aside, chunk.data);
      await storage.remove(chunk.key);
      chunksSetAside++;
    }
  }
  const handle = repo.handles[documentId] as DocHandle<T> | undefined;
  // "unavailable": what did load had no change of its own (the journal's creation is missing), so
  // the Repo asked the network, and offline nobody answered. Neither state is terminal.
  if (!handle || (handle.state !== "loading" && handle.state !== "unavailable")) return undefined;
  handle.update(() => doc);
  handle.doneLoading();
  // The handle is now ready; `find` returns it from the Repo's cache like any loaded document.
  const found = await repo.find<T>(url as AutomergeUrl);
  return { handle: found, chunksSetAside };
}
