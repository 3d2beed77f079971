import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { DATA_FILES } from "./data-files.js";
import { OpsError } from "./ops-error.js";
import { writeTar } from "./tar.js";

export const BACKUP_FORMAT = "kasa-relay-backup";
export const BACKUP_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly createdAt: string;
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
}

/**
 * An online backup of a data folder into one tar file: `manifest.json` plus a copy of each SQLite
 * file. Each copy is `VACUUM INTO` on a read-only connection — one read transaction, so a consistent
 * snapshot of that file even while the relay writes (WAL readers never block the writer, and unlike
 * the page-copying backup API it cannot be restarted forever by a busy writer). Files are copied in
 * DATA_FILES order (see there for why). The archive is written beside `out` and renamed into place,
 * so `out` is either complete or absent.
 */
export function backupDataDir(dataDir: string, out: string, now: () => number = Date.now): BackupManifest {
  if (existsSync(out)) throw new OpsError("BACKUP_EXISTS", `${out} exists; choose a new file name`);
  for (const f of DATA_FILES) {
    if (!f.sinceRl55 && !existsSync(join(dataDir, f.name))) throw new OpsError("DATA_FILE_MISSING", `${join(dataDir, f.name)} is missing: is ${dataDir} a relay data folder?`);
  }
  // A folder last run by a relay from before RL55 has no online.sqlite: its online rows are in the read model's copy.
  const present = DATA_FILES.filter((f) => existsSync(join(dataDir, f.name)));
  const work = mkdtempSync(join(dirname(out), `.${basename(out)}-`));
  try {
    const files = present.map((f) => {
      const copy = join(work, f.name);
      const db = new Database(join(dataDir, f.name), { readonly: true, fileMustExist: true });
      try {
        db.prepare("VACUUM INTO ?").run(copy);
      } finally {
        db.close();
      }
      return { name: f.name, bytes: statSync(copy).size, sha256: sha256File(copy) };
    });
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date(now()).toISOString(), files };
    writeFileSync(join(work, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = join(work, "backup.tar");
    writeTar(partial, [{ name: MANIFEST_NAME, path: join(work, MANIFEST_NAME) }, ...files.map((f) => ({ name: f.name, path: join(work, f.name) }))], now() / 1000);
    renameSync(partial, out);
    fsyncDir(dirname(out));
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Streamed in 1 MiB pieces: a documents file of several GB is never held in memory. */
export function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** A rename is durable only once its directory is synced. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
