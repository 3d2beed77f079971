import { Repo, type AutomergeUrl } from "@automerge/automerge-repo";
import { SqliteStorageAdapter } from "@kasa/relay-server";
import { readJournalEvents } from "@kasa/documents";
import { join } from "node:path";

/**
 * Reads what a (stopped) relay has on disk: every event of every journal of the given registers,
 * (by journal URL) straight from its documents.sqlite, with no network — the ground truth for "lost" and "duplicated".
 */
export async function eventsOnRelayDisk(dataDir: string, journalUrls: readonly string[]): Promise<string[]> {
  const storage = new SqliteStorageAdapter({ file: join(dataDir, "documents.sqlite") });
  const repo = new Repo({ storage, network: [] });
  try {
    const ids: string[] = [];
    for (const url of journalUrls) {
      const journal = await repo.find(url as AutomergeUrl).catch(() => undefined);
      if (journal) ids.push(...readJournalEvents(journal.doc()).map((e) => (e as { id: string }).id));
    }
    return ids;
  } finally {
    await repo.shutdown();
    storage.close();
  }
}
