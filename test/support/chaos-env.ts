import { Repo, stringifyAutomergeUrl, type DocumentId } from "@automerge/automerge-repo";
import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { createStore, DEMO_STORE, SqliteStorageAdapter } from "@kasa/relay-server";
import { docKind, readJournalEvents, readJournalHeader } from "@kasa/documents";
import type { KasaEvent } from "@kasa/domain";
// Not exported by @kasa/relay-server: the chaos store needs three registers, the demo store has two.
import { Directory } from "../../relay-server/src/db/directory.js";
import { openRelayDb } from "../../relay-server/src/db/relay-db.js";
import { startRelayProcess, type RelayProcess } from "./relay-process.js";
import { systemIds } from "./node-register.js";

/**
 * Creates, in an empty relay data folder, one store like the demo store but with `registers`
 * registers. A relay started on it with demo mode on (startRelayProcess's default) sees a store
 * exists, creates no demo store, and serves the demo pairing endpoint for this one, so
 * pairDemoRegister(url, n) works for n = 1..registers.
 */
export async function seedChaosStore(dataDir: string, registers: number): Promise<void> {
  const db = openRelayDb(join(dataDir, "relay.sqlite"));
  const directory = new Directory(db);
  const storage = new SqliteStorageAdapter({ file: join(dataDir, "documents.sqlite") });
  const repo = new Repo({ storage, network: [] });
  try {
    await createStore(repo, directory, systemIds, {
      ...DEMO_STORE,
      settings: { ...DEMO_STORE.settings, name: "Kasa Chaos" },
      registers: Array.from({ length: registers }, (_, i) => ({ number: i + 1, name: `Register ${i + 1}` })),
    });
    await repo.flush();
  } finally {
    await repo.shutdown();
    // A throttled save scheduled before shutdown may still fire; let it land before closing the file.
    await new Promise((r) => setTimeout(r, 150));
    storage.close();
    db.close();
  }
}

/**
 * The relay process under test, restartable on the same port and data folder. Counts exits the
 * test did not cause (crashes) and start-ups that failed.
 */
export class ChaosRelay {
  readonly crashes: string[] = [];
  readonly starts: number[] = [];
  /** Graceful stops that didn't finish (see stop()). */
  readonly hangs: string[] = [];
  #proc: RelayProcess | undefined;
  #expectExit = false;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    /** Extra environment for the relay process; KASA_CHAOS_RELAY_LOG sets its log level (default warn). */
    readonly env: Record<string, string> = process.env.KASA_CHAOS_RELAY_LOG ? { KASA_LOG_LEVEL: process.env.KASA_CHAOS_RELAY_LOG } : {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#proc !== undefined && this.#proc.child.exitCode === null && this.#proc.child.signalCode === null;
  }

  get output(): string {
    return this.#proc?.output() ?? "";
  }

  async start(): Promise<void> {
    if (this.running) return;
    const t0 = Date.now();
    const proc = await startRelayProcess({ dataDir: this.dataDir, port: this.port, env: this.env });
    this.starts.push(Date.now() - t0);
    this.#expectExit = false;
    this.#proc = proc;
    proc.child.once("exit", (code, signal) => {
      if (!this.#expectExit && this.#proc === proc) this.crashes.push(`relay exited by itself (code ${code}, signal ${signal})\n${proc.output().slice(-4000)}`);
    });
  }

  async kill9(): Promise<void> {
    const proc = this.#proc;
    if (!proc) return;
    this.#expectExit = true;
    await proc.kill9();
  }

  /** SIGTERM; a relay that hasn't exited after `timeoutMs` is recorded in `hangs` and SIGKILLed. */
  async stop(timeoutMs = 20_000): Promise<void> {
    const proc = this.#proc;
    if (!proc) return;
    this.#expectExit = true;
    let timer: NodeJS.Timeout | undefined;
    const hung = await Promise.race([
      proc.stop().then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (hung) {
      const sockets = await new Promise<string>((resolve) =>
        execFile("ss", ["-tanp", `( sport = :${this.port} or dport = :${this.port} )`], (err, stdout) => resolve(err ? String(err) : stdout)),
      );
      this.hangs.push(`relay did not exit within ${timeoutMs} ms of SIGTERM; its sockets then:\n${sockets}\n${proc.output().slice(-4000)}`);
      await proc.kill9();
    }
  }
}

export interface DiskJournal {
  readonly docId: string;
  readonly url: string;
  readonly storeId: string;
  readonly registerId: string;
  readonly businessDay: string;
  readonly events: readonly KasaEvent[];
}

/**
 * Every journal document in a stopped relay's documents.sqlite, loaded the way the relay loads
 * them (automerge-repo over the relay's own storage adapter), with no network: the ground truth
 * for "lost" and "duplicated". Documents are found by listing the storage keys, not by asking the
 * registers which journals they wrote.
 */
export async function readRelayDisk(dataDir: string): Promise<{ journals: DiskJournal[]; loadErrors: string[] }> {
  const storage = new SqliteStorageAdapter({ file: join(dataDir, "documents.sqlite") });
  const repo = new Repo({ storage, network: [] });
  const journals: DiskJournal[] = [];
  const loadErrors: string[] = [];
  try {
    const chunks = await storage.loadRange([]);
    const docIds = new Set(chunks.filter((c) => c.key.length === 3 && (c.key[1] === "snapshot" || c.key[1] === "incremental")).map((c) => c.key[0]!));
    for (const docId of docIds) {
      const url = stringifyAutomergeUrl({ documentId: docId as DocumentId });
      try {
        const handle = await repo.find(url);
        const doc = handle.doc();
        if (docKind(doc) !== "journal") continue;
        const header = readJournalHeader(doc);
        journals.push({ docId, url, storeId: header.storeId, registerId: header.registerId, businessDay: header.businessDay, events: readJournalEvents(doc) as KasaEvent[] });
      } catch (error) {
        loadErrors.push(`${docId}: ${String(error)}`);
      }
    }
    return { journals, loadErrors };
  } finally {
    await repo.shutdown();
    storage.close();
  }
}

export interface ReadModelReceipt {
  readonly eventId: string;
  readonly registerId: string;
  readonly number: string;
  readonly total: number;
}

/** The `receipts` table of a stopped relay's read model, opened read-only. */
export function readModelReceipts(dataDir: string): ReadModelReceipt[] {
  const db = new Database(join(dataDir, "read-model.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT event_id AS eventId, register_id AS registerId, number, total FROM receipts").all() as ReadModelReceipt[];
  } finally {
    db.close();
  }
}
