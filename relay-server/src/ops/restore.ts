import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { openRelayDb } from "../db/relay-db.js";
import { Directory } from "../db/directory.js";
import { ReadModel } from "../read-model/read-model.js";
import { SqliteStorageAdapter } from "../storage/sqlite-storage-adapter.js";
import { BACKUP_FORMAT, BACKUP_VERSION, MANIFEST_NAME, fsyncDir, sha256File, type BackupManifest } from "./backup.js";
import { DATA_FILES, dataFilePath, isEmptyDir } from "./data-files.js";
import { integrityCheck } from "./integrity.js";
import { OpsError } from "./ops-error.js";
import { reprojectAll } from "./reproject.js";
import { extractTar } from "./tar.js";

export interface RestoreReport {
  readonly manifest: BackupManifest;
  readonly documents: number;
  readonly receipts: number;
  /** Receipts the re-projection added: stored after the read model's copy was taken. */
  readonly receiptsAdded: number;
}

/**
 * Restores a backup into an empty (or missing) data folder — never over live data. The archive is
 * unpacked beside the target, every file is checked against the manifest (size, SHA-256) and by
 * `PRAGMA integrity_check`, and only then moved into place. Finally the read model is re-projected
 * from the documents, so a receipt stored after the read model was copied is not missing from reports.
 */
export async function restoreDataDir(archive: string, dataDir: string, now: () => number = Date.now): Promise<RestoreReport> {
  const target = resolve(dataDir);
  if (!isEmptyDir(target)) throw new OpsError("DATA_DIR_NOT_EMPTY", `${target} is not empty; restore only into an empty or new folder (move the old one away first)`);
  try {
    statSync(archive);
  } catch {
    throw new OpsError("NOT_FOUND", `${archive} not found`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const work = mkdtempSync(join(dirname(target), `.${basename(target)}-restore-`));
  let manifest: BackupManifest;
  try {
    let names: string[];
    try {
      names = extractTar(archive, work);
    } catch (error) {
      throw new OpsError("BACKUP_INVALID", `${archive}: ${(error as Error).message}`);
    }
    manifest = readManifest(join(work, MANIFEST_NAME), names);
    for (const f of manifest.files) {
      const path = join(work, f.name);
      if (statSync(path).size !== f.bytes || sha256File(path) !== f.sha256) throw new OpsError("BACKUP_INVALID", `${f.name} does not match the manifest (damaged backup)`);
      const check = integrityCheck(path);
      if (!check.ok) throw new OpsError("BACKUP_INVALID", `${f.name} fails integrity_check: ${check.problems.slice(0, 3).join("; ")}`);
    }
    mkdirSync(target, { recursive: true });
    for (const f of manifest.files) renameSync(join(work, f.name), join(target, f.name));
    fsyncDir(target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const directory = new Directory(openRelayDb(dataFilePath(target, "relay")));
  const storage = new SqliteStorageAdapter({ file: dataFilePath(target, "documents") });
  // Opening the read model creates online.sqlite from an older backup's read model (RL55).
  const readModel = new ReadModel(dataFilePath(target, "read_model"), dataFilePath(target, "online"));
  try {
    const r = await reprojectAll(storage, directory, readModel, now);
    return { manifest, documents: r.documents, receipts: r.receiptsAfter, receiptsAdded: r.receiptsAfter - r.receiptsBefore };
  } finally {
    readModel.close();
    storage.close();
    directory.close();
  }
}

function readManifest(path: string, names: readonly string[]): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as BackupManifest;
  } catch {
    throw new OpsError("BACKUP_INVALID", "the archive has no readable manifest.json: not a Kasa relay backup");
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) throw new OpsError("BACKUP_INVALID", `unsupported backup format ${manifest.format} v${manifest.version}`);
  // online.sqlite is absent from backups of a relay before RL55: the read model's copy then holds its rows.
  const listed = manifest.files.map((f) => f.name).sort();
  const expected = DATA_FILES.filter((f) => !f.sinceRl55 || listed.includes(f.name)).map((f) => f.name).sort();
  if (JSON.stringify(listed) !== JSON.stringify(expected) || !expected.every((n) => names.includes(n))) {
    throw new OpsError("BACKUP_INVALID", `the archive must hold ${DATA_FILES.filter((f) => !f.sinceRl55).map((f) => f.name).join(", ")} (and online.sqlite from a relay with RL55)`);
  }
  return manifest;
}
