import { pairedRegisterSchema, type PairedRegister } from "@kasa/sync";
import { savePaired } from "./paired-storage.js";

/**
 * A second copy of the paired identity, in IndexedDB beside the register's data (DESIGN O3).
 *
 * The identity (device token included) lives in localStorage, which "reset the app" tools and
 * storage cleaners wipe on their own. Without it the register would open on the pairing screen and
 * its unsynced sales, still in IndexedDB, could not reach the relay. With this copy the register
 * restores its identity and carries on; only signing out (nothing unsynced) forgets both.
 */

/** One value under one key: IndexedDB in the browser, a map in tests. */
export interface IdentityStore {
  get(): Promise<unknown>;
  put(value: unknown): Promise<void>;
  delete(): Promise<void>;
}

const DB_NAME = "kasa-register-identity";
const STORE = "identity";
const KEY = "paired";

/** The browser's store: its own database, so wiping the register's data on sign-out never races it. */
export function indexedDbIdentityStore(factory: IDBFactory = indexedDB): IdentityStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB open failed"));
    });
  const run = async <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        // Strict: the copy must be on disk before the register counts on it (as the sales are, sync S14).
        const tx = db.transaction(STORE, mode, { durability: "strict" });
        const request = op(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      });
    } finally {
      db.close();
    }
  };
  return {
    get: () => run("readonly", (s) => s.get(KEY)),
    put: async (value) => void (await run("readwrite", (s) => s.put(value, KEY))),
    delete: async () => void (await run("readwrite", (s) => s.delete(KEY))),
  };
}

/** Keeps the copy current (after pairing, and at every start for registers paired before it existed). Best effort. */
export async function backupPaired(paired: PairedRegister, store: IdentityStore): Promise<boolean> {
  try {
    await store.put(JSON.stringify(paired));
    return true;
  } catch {
    return false;
  }
}

/** The copy, when localStorage lost the identity: checked like the original, then put back into `storage`. */
export async function restorePaired(storage: Storage, store: IdentityStore): Promise<PairedRegister | undefined> {
  let raw: unknown;
  try {
    raw = await store.get();
  } catch {
    return undefined;
  }
  if (typeof raw !== "string") return undefined;
  try {
    const parsed = pairedRegisterSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    savePaired(parsed.data, storage);
    return parsed.data;
  } catch {
    return undefined;
  }
}

/** Sign-out (nothing unsynced): the copy goes with the original. */
export async function forgetBackup(store: IdentityStore): Promise<void> {
  await store.delete().catch(() => undefined);
}
