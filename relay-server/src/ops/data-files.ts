import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { OpsError } from "./ops-error.js";

/**
 * The three SQLite files of a data folder, in backup order. The read model is copied first and the
 * directory last, so a backup taken while the relay runs is consistent where it matters: every
 * projected receipt is in the documents copy (the read model is at most behind, and a restore
 * re-projects), and every stored document has its owner in the directory copy (claims precede storage).
 */
export const DATA_FILES = [
  { key: "read_model", name: "read-model.sqlite" },
  { key: "documents", name: "documents.sqlite" },
  { key: "relay", name: "relay.sqlite" },
] as const;
export type DataFileKey = (typeof DATA_FILES)[number]["key"];

export function dataFilePath(dataDir: string, key: DataFileKey): string {
  return join(dataDir, DATA_FILES.find((f) => f.key === key)!.name);
}

/** Bytes on disk per file, its write-ahead log included (the WAL can hold most of a busy file). */
export function dataFileBytes(dataDir: string): Record<DataFileKey, number> {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  const out = {} as Record<DataFileKey, number>;
  for (const f of DATA_FILES) {
    const p = join(dataDir, f.name);
    out[f.key] = size(p) + size(`${p}-wal`);
  }
  return out;
}

/** Commands that only read must not create an empty data folder because of a mistyped path. */
export function assertDataDir(dataDir: string): void {
  const relay = dataFilePath(dataDir, "relay");
  if (!existsSync(relay)) throw new OpsError("DATA_FILE_MISSING", `${relay} not found: is ${dataDir} the relay's data folder? (--data-dir, KASA_DATA_DIR)`);
}

/** A data folder counts as empty when missing or without entries; restore refuses anything else. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}
