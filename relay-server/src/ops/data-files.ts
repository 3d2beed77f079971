import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { OpsError } from "./ops-error.js";

/**
 * The SQLite files of a data folder, in backup order. The read model is copied first and the
 * directory last, so a backup taken while the relay runs is consistent where it matters: every
 * projected receipt is in the documents copy (the read model is at most behind, and a restore
 * re-projects), every refund receipt in the documents copy has its approval in the online copy
 * (the relay approves before the register writes the refund), and every stored document has its
 * owner in the directory copy (claims precede storage).
 *
 * `online.sqlite` (RL55) holds what can't be rebuilt from documents: refund approvals, online
 * customers, point redemptions and take-backs, request ids and receipt cancellations. It is
 * `sinceRl55`: a data folder or backup from an older relay lacks it (those rows were then in the
 * read model, and opening the read model moves them), so backup, restore and verify accept its absence.
 */
export const DATA_FILES = [
  { key: "read_model", name: "read-model.sqlite", sinceRl55: false },
  { key: "documents", name: "documents.sqlite", sinceRl55: false },
  { key: "online", name: "online.sqlite", sinceRl55: true },
  { key: "relay", name: "relay.sqlite", sinceRl55: false },
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
