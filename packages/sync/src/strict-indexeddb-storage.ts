// automerge-repo storage in IndexedDB whose writes use strict durability.
//
// Chromium (121+), Firefox and Safari default IndexedDB transactions to "relaxed" durability:
// `complete` fires once the data reaches the OS, which flushes it "every couple of seconds", so a
// power cut can lose the last sales the cashier already saw as done (research/reliability.md
// §2.3). The stock IndexedDBStorageAdapter opens its write transactions without a durability
// option. This one asks for `{ durability: "strict" }` on every readwrite transaction, so
// `complete` (and the promise of save/remove/removeRange) means "on disk" (sync SPEC S14).
//
// Layout is the stock adapter's (database version 1, one object store, keys are the key arrays,
// values `{ key, binary }`), so a register's existing data opens unchanged.
import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo/slim";

export const STRICT_DURABILITY: IDBTransactionOptions = { durability: "strict" };

export class StrictIndexedDBStorageAdapter implements StorageAdapterInterface {
  readonly #db: Promise<IDBDatabase>;

  constructor(
    readonly database: string,
    readonly store = "documents",
  ) {
    this.#db = openDatabase(database, store);
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    const record = await this.#read((s) => s.get(key));
    return binaryOf(record);
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    await this.#write((s) => s.put({ key, binary: data }, key));
  }

  async remove(key: StorageKey): Promise<void> {
    await this.#write((s) => s.delete(key));
  }

  async loadRange(keyPrefix: StorageKey): Promise<Chunk[]> {
    const db = await this.#db;
    const tx = db.transaction(this.store, "readonly");
    const request = tx.objectStore(this.store).openCursor(prefixRange(keyPrefix));
    const chunks: Chunk[] = [];
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      chunks.push({ key: cursor.key as StorageKey, data: binaryOf(cursor.value) });
      cursor.continue();
    };
    await settled(tx);
    return chunks;
  }

  async removeRange(keyPrefix: StorageKey): Promise<void> {
    await this.#write((s) => s.delete(prefixRange(keyPrefix)));
  }

  async #read(op: (s: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const db = await this.#db;
    const tx = db.transaction(this.store, "readonly");
    const request = op(tx.objectStore(this.store));
    await settled(tx);
    return request.result;
  }

  /** Resolves on the transaction's `complete`, which under strict durability follows the disk flush. */
  async #write(op: (s: IDBObjectStore) => IDBRequest): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(this.store, "readwrite", STRICT_DURABILITY);
    op(tx.objectStore(this.store));
    await settled(tx);
  }
}

function openDatabase(name: string, store: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Keys are arrays of strings; IndexedDB orders arrays element by element, and a longer array
 * after its prefix, so [...prefix] ≤ key < [...prefix, "\uffff"] holds every key that starts with
 * the prefix's parts (key parts never start with U+FFFF).
 */
function prefixRange(prefix: StorageKey): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, "\uffff"]);
}

function binaryOf(record: unknown): Uint8Array | undefined {
  return record !== null && typeof record === "object" && "binary" in record ? (record.binary as Uint8Array) : undefined;
}

/** Resolves when the transaction commits; rejects when it fails or is aborted (e.g. quota exceeded). */
function settled(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}
