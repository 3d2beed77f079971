import * as A from "@automerge/automerge";
import type { SqliteStorageAdapter } from "../storage/sqlite-storage-adapter.js";

/**
 * Loads a stored document the strict way. automerge-repo loads with `loadIncremental`, which drops a
 * chunk with a bad checksum without a word (research/reliability.md §2.3, measured here too);
 * `A.load` over the same bytes, in the same order (snapshots, then incrementals), throws instead.
 * Used by `verify` and by the restore's re-projection, never on the sync path.
 */
export async function readDocumentStrict(storage: SqliteStorageAdapter, documentId: string): Promise<{ doc: A.Doc<unknown>; bytes: number; chunks: number }> {
  const snapshots = await storage.loadRange([documentId, "snapshot"]);
  const incrementals = await storage.loadRange([documentId, "incremental"]);
  const parts = [...snapshots, ...incrementals].map((c) => c.data).filter((d): d is Uint8Array => d !== undefined);
  if (parts.length === 0) throw new Error("no snapshot or incremental chunk stored");
  const bytes = parts.reduce((n, p) => n + p.byteLength, 0);
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return { doc: A.load(all), bytes, chunks: parts.length };
}
