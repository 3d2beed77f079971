import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { DATA_FILES, dataFilePath } from "./data-files.js";
import { integrityCheck } from "./integrity.js";
import { readDocumentStrict } from "./read-document.js";
import { SqliteStorageAdapter } from "../storage/sqlite-storage-adapter.js";

export interface VerifyReport {
  readonly ok: boolean;
  readonly files: readonly { readonly name: string; readonly ok: boolean; readonly problems: readonly string[] }[];
  readonly documents: { readonly checked: number; readonly bytes: number; readonly broken: readonly { readonly documentId: string; readonly error: string }[] };
  /** Stored documents with no owner in relay.sqlite: unreachable by any device, worth a look but not damage. */
  readonly unowned: readonly string[];
}

/**
 * Checks a data folder: `PRAGMA integrity_check` on each SQLite file, then every stored document
 * loaded strictly (see read-document.ts), naming each one that does not. Opens everything read-only,
 * so it is safe next to a running relay.
 */
export async function verifyDataDir(dataDir: string): Promise<VerifyReport> {
  const files = DATA_FILES.map((f) => {
    const path = dataFilePath(dataDir, f.key);
    if (!existsSync(path)) return f.sinceRl55 ? { name: f.name, ok: true, problems: ["absent: written by a relay before RL55 (its rows are in the read model)"] } : { name: f.name, ok: false, problems: ["missing"] };
    return { name: f.name, ...integrityCheck(path) };
  });
  const broken: { documentId: string; error: string }[] = [];
  const unowned: string[] = [];
  let checked = 0;
  let bytes = 0;
  const documentsOk = files.find((f) => f.name === "documents.sqlite")?.ok;
  const relayOk = files.find((f) => f.name === "relay.sqlite")?.ok;
  if (documentsOk) {
    const docsDb = new Database(dataFilePath(dataDir, "documents"), { readonly: true, fileMustExist: true });
    const relayDb = relayOk ? new Database(dataFilePath(dataDir, "relay"), { readonly: true, fileMustExist: true }) : undefined;
    const storage = new SqliteStorageAdapter(docsDb);
    try {
      const owned = relayDb?.prepare("SELECT 1 FROM documents WHERE doc_id = ?");
      for (const id of storage.documentIds()) {
        checked++;
        try {
          bytes += (await readDocumentStrict(storage, id)).bytes;
        } catch (error) {
          broken.push({ documentId: id, error: (error as Error).message });
        }
        if (owned && owned.get(id) === undefined) unowned.push(id);
      }
    } finally {
      docsDb.close();
      relayDb?.close();
    }
  }
  return { ok: files.every((f) => f.ok) && broken.length === 0, files, documents: { checked, bytes, broken }, unowned };
}
