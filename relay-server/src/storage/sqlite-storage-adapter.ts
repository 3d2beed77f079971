import { closeSync, mkdirSync, openSync, readSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo/slim";
import { probeWritable } from "../db/write-probe.js";
import { chunkDamage } from "./chunk-check.js";

export type StorageErrorCode = "STORAGE_BAD_KEY" | "STORAGE_CORRUPT";

export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StorageError";
    this.code = code;
  }
}

export type SqliteStorageSource = { file: string } | Database.Database;

type Row = { key: string; data: Uint8Array };

/** A document chunk that failed its check on load (ST26): moved to `automerge_chunks_quarantine`, or left in place if the move failed (`reason` says so). */
export interface DamagedChunk {
  readonly documentId: string;
  /** The chunk's key parts, e.g. `[documentId, "incremental", hash]`. */
  readonly key: readonly string[];
  readonly reason: string;
  readonly bytes: number;
}

export interface SqliteStorageOptions {
  /**
   * Turns on the load check (ST26): every snapshot or incremental chunk `loadRange` returns is
   * checked first; a damaged one is moved to `automerge_chunks_quarantine`, left out of the result
   * and reported here. Off by default, so tools that must see the stored bytes as they are
   * (`verify`, backups, read-only inspection) do.
   */
  readonly onDamagedChunk?: (chunk: DamagedChunk) => void;
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/**
 * automerge-repo storage in one SQLite table. Every write is its own committed
 * transaction under WAL + synchronous=FULL, so a resolved `save()` has been fsync'd:
 * the relay may acknowledge a change as durable as soon as the promise settles.
 */
export class SqliteStorageAdapter implements StorageAdapterInterface {
  readonly #db: Database.Database;
  // A caller-supplied Database may hold other tables; its owner decides when it closes.
  readonly #ownsDb: boolean;
  readonly #select: Database.Statement<[string], Row>;
  readonly #selectRange: Database.Statement<[string, string, string], Row>;
  readonly #selectAll: Database.Statement<[], Row>;
  readonly #upsert: Database.Statement<[string, Uint8Array]>;
  readonly #delete: Database.Statement<[string]>;
  readonly #deleteRange: Database.Statement<[string, string, string]>;
  readonly #deleteAll: Database.Statement<[]>;
  readonly #size: Database.Statement<[], { bytes: number }>;
  readonly #anyChunkOf: Database.Statement<[string, string], { one: number }>;
  readonly #integrity: Database.Statement<[], { integrity_check: string }>;
  readonly #onDamagedChunk: ((chunk: DamagedChunk) => void) | undefined;

  constructor(source: SqliteStorageSource, options: SqliteStorageOptions = {}) {
    this.#onDamagedChunk = options.onDamagedChunk;
    if ("file" in source) {
      mkdirSync(dirname(source.file), { recursive: true });
      // Checked before SQLite touches the file, so a foreign file is never modified.
      assertSqliteHeader(source.file);
      this.#db = new Database(source.file);
      this.#ownsDb = true;
    } else {
      this.#db = source;
      this.#ownsDb = false;
    }
    const db = this.#db;
    try {
      this.#guard(() => {
        // Parse the schema before anything can write, so a damaged file fails read-only.
        db.prepare("SELECT count(*) FROM sqlite_schema").get();
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = FULL");
        db.exec("CREATE TABLE IF NOT EXISTS automerge_chunks (key TEXT PRIMARY KEY, data BLOB NOT NULL)");
      });
    } catch (error) {
      if (this.#ownsDb) db.close();
      throw error;
    }

    // Keys are parts joined by "/" and parts never contain "/", so everything under
    // prefix p sorts in [p + "/", p + "0") ("0" follows "/" in ASCII): an index range scan.
    // Rows come back in first-save order (rowid), the order automerge-repo's own tests expect.
    const range = "key = ? OR (key >= ? AND key < ?)";
    this.#select = db.prepare("SELECT key, data FROM automerge_chunks WHERE key = ?");
    this.#selectRange = db.prepare(`SELECT key, data FROM automerge_chunks WHERE ${range} ORDER BY rowid`);
    this.#selectAll = db.prepare("SELECT key, data FROM automerge_chunks ORDER BY rowid");
    this.#upsert = db.prepare(
      "INSERT INTO automerge_chunks (key, data) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data",
    );
    this.#delete = db.prepare("DELETE FROM automerge_chunks WHERE key = ?");
    // One statement is one transaction: a range is removed entirely or not at all.
    this.#deleteRange = db.prepare(`DELETE FROM automerge_chunks WHERE ${range}`);
    this.#deleteAll = db.prepare("DELETE FROM automerge_chunks");
    this.#anyChunkOf = db.prepare("SELECT 1 AS one FROM automerge_chunks WHERE key > ? AND key < ? AND (key LIKE '%/snapshot/%' OR key LIKE '%/incremental/%') LIMIT 1");
    this.#size = db.prepare("SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()");
    this.#integrity = db.prepare("PRAGMA integrity_check");
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const k = joinKey(key, false);
    const row = this.#guard(() => this.#select.get(k));
    return row === undefined ? undefined : toPlainBytes(row.data);
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    const k = joinKey(key, false);
    this.#guard(() => this.#upsert.run(k, data));
  }

  async remove(key: StorageKey): Promise<void> {
    const k = joinKey(key, false);
    this.#guard(() => this.#delete.run(k));
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    const p = joinKey(keyPrefix, true);
    const rows = this.#guard(() => (p === "" ? this.#selectAll.all() : this.#selectRange.all(p, `${p}/`, `${p}0`)));
    const chunks = rows.map((row) => ({ key: row.key.split("/"), data: toPlainBytes(row.data) }));
    return this.#onDamagedChunk ? chunks.filter((c) => this.#sound(c.key, c.data)) : chunks;
  }

  /** Chunks moved aside by the load check (ST26), oldest first; bytes stay there for a look. */
  quarantinedChunks(): { key: string[]; reason: string; quarantinedAt: number; bytes: number }[] {
    if (!this.#hasQuarantine()) return [];
    const rows = this.#guard(() =>
      this.#db.prepare("SELECT key, reason, quarantined_at AS at, length(data) AS bytes FROM automerge_chunks_quarantine ORDER BY rowid").all(),
    ) as { key: string; reason: string; at: number; bytes: number }[];
    return rows.map((r) => ({ key: r.key.split("/"), reason: r.reason, quarantinedAt: r.at, bytes: r.bytes }));
  }

  /** Checks a document chunk on its way out; a damaged one is quarantined and reported (ST26). */
  #sound(key: string[], data: Uint8Array): boolean {
    if (key.length !== 3 || (key[1] !== "snapshot" && key[1] !== "incremental")) return true;
    const reason = chunkDamage(key, data);
    if (reason === undefined) return true;
    const k = key.join("/");
    // Moved, not deleted: the bytes may still be worth something to a person. One transaction, so
    // the chunk is never in both tables or in neither. A disk that can't take the move (full,
    // read-only) must not stop the document from loading: then the chunk stays where it is, is left
    // out all the same, and is reported again at the next load.
    let moved = "";
    try {
      this.#db.transaction(() => {
        this.#db.exec(
          "CREATE TABLE IF NOT EXISTS automerge_chunks_quarantine (key TEXT PRIMARY KEY, data BLOB NOT NULL, reason TEXT NOT NULL, quarantined_at INTEGER NOT NULL)",
        );
        this.#db
          .prepare("INSERT INTO automerge_chunks_quarantine (key, data, reason, quarantined_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data, reason = excluded.reason, quarantined_at = excluded.quarantined_at")
          .run(k, data, reason, Date.now());
        this.#delete.run(k);
      })();
    } catch (error) {
      moved = ` (not moved to quarantine: ${(error as Error).message})`;
    }
    this.#onDamagedChunk?.({ documentId: key[0]!, key, reason: reason + moved, bytes: data.byteLength });
    return false;
  }

  #hasQuarantine(): boolean {
    return this.#db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'automerge_chunks_quarantine'").get() !== undefined;
  }

  async removeRange(keyPrefix: StorageKey): Promise<void> {
    const p = joinKey(keyPrefix, true);
    this.#guard(() => (p === "" ? this.#deleteAll.run() : this.#deleteRange.run(p, `${p}/`, `${p}0`)));
  }

  /**
   * True when a snapshot or incremental chunk of the document is stored (ST27): one index range
   * lookup, for the hot path of every message about a document not in memory (RL60).
   */
  hasDocument(documentId: string): boolean {
    const p = joinKey([documentId], false);
    return this.#guard(() => this.#anyChunkOf.get(`${p}/`, `${p}0`)) !== undefined;
  }

  /** Size of the database file in bytes (page_count × page_size). */
  sizeBytes(): number {
    return this.#guard(() => this.#size.get())?.bytes ?? 0;
  }

  /**
   * Ids of the documents that have chunks stored: the first key part of every chunk, without
   * automerge-repo's own `storage-adapter-id` key. For operators (verify, backup checks), not hot paths.
   */
  documentIds(): string[] {
    const rows = this.#guard(() =>
      this.#db.prepare("SELECT DISTINCT CASE WHEN instr(key, '/') = 0 THEN key ELSE substr(key, 1, instr(key, '/') - 1) END AS id FROM automerge_chunks ORDER BY id").all(),
    ) as { id: string }[];
    return rows.map((r) => r.id).filter((id) => id !== "storage-adapter-id");
  }

  /** One committed write, for /readyz (see db/write-probe.ts). */
  probeWritable(now: number): void {
    this.#guard(() => probeWritable(this.#db, now));
  }

  /** Full `PRAGMA integrity_check`; reads every page, so not for hot paths. */
  integrityCheck(): { ok: boolean; problems: string[] } {
    let messages: string[];
    try {
      messages = this.#integrity.all().map((row) => row.integrity_check);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      return { ok: false, problems: [error.message] };
    }
    const ok = messages.length === 1 && messages[0] === "ok";
    return { ok, problems: ok ? [] : messages };
  }

  /** Closes the database if this adapter opened it; a caller-supplied Database stays open. */
  close(): void {
    if (this.#ownsDb && this.#db.open) this.#db.close();
  }

  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      throw corrupt(this.#db.name, error.message, error);
    }
  }
}

function joinKey(key: StorageKey, allowEmpty: boolean): string {
  if (key.length === 0 && !allowEmpty) {
    throw new StorageError("STORAGE_BAD_KEY", "Storage key must have at least one part");
  }
  for (const part of key) {
    if (typeof part !== "string" || part === "" || part.includes("/")) {
      throw new StorageError(
        "STORAGE_BAD_KEY",
        `Storage key part ${JSON.stringify(part)} in ${JSON.stringify(key)} is empty or contains "/"`,
      );
    }
  }
  return key.join("/");
}

// better-sqlite3 hands out Buffers; callers compare and hash these bytes, so give them the base type.
function toPlainBytes(data: Uint8Array): Uint8Array {
  return new Uint8Array(data);
}

function assertSqliteHeader(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, header, 0, header.length, 0);
    // SQLite treats a zero-length file as a new, empty database.
    if (read !== 0 && !header.equals(SQLITE_MAGIC)) {
      throw corrupt(file, "not an SQLite database (bad header)");
    }
  } finally {
    closeSync(fd);
  }
}

// @types/better-sqlite3 aliases the SqliteError *type* to its constructor, hence InstanceType.
function isCorruption(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return (
    error instanceof Database.SqliteError && (error.code === "SQLITE_NOTADB" || error.code.startsWith("SQLITE_CORRUPT"))
  );
}

function corrupt(file: string, detail: string, cause?: unknown): StorageError {
  return new StorageError(
    "STORAGE_CORRUPT",
    `Storage file ${file} is corrupt: ${detail}. It was left untouched; restore it from a backup or move it away.`,
    cause === undefined ? undefined : { cause },
  );
}
