import type { DocumentId, Repo } from "@automerge/automerge-repo/slim";

/**
 * Flushes every loaded document and shuts the Repo down. `repo.flush()` with no ids throws on the
 * first handle that is not ready (a document still being fetched, or one nobody had), and then
 * flushes nothing; `shutdown()` calls it. So: flush the ready ones by id, then shut down, ignoring
 * the throw about the others (they hold nothing to save).
 */
export async function flushAndShutdown(repo: Repo): Promise<void> {
  const ready = Object.values(repo.handles)
    .filter((h) => h.isReady())
    .map((h) => h.documentId as DocumentId);
  await repo.flush(ready);
  await repo.shutdown().catch(() => undefined);
}
