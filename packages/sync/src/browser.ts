// Browser entry point: IndexedDB storage (strict durability, SPEC S14) and the browser's WebSocket.
import { createRegisterRepo, type RegisterRepo } from "./register-repo.js";
import type { PairedRegister } from "./paired-register.js";
import { StrictIndexedDBStorageAdapter } from "./strict-indexeddb-storage.js";

export { StrictIndexedDBStorageAdapter, STRICT_DURABILITY } from "./strict-indexeddb-storage.js";

/** The register's IndexedDB database (one per origin); sign-out deletes it. */
export const REGISTER_DATABASE = "kasa-register";

export function createBrowserRegisterRepo(o: { paired: PairedRegister; relayHttpUrl: string; databaseName?: string }): RegisterRepo {
  return createRegisterRepo({
    paired: o.paired,
    relayHttpUrl: o.relayHttpUrl,
    storage: new StrictIndexedDBStorageAdapter(o.databaseName ?? REGISTER_DATABASE),
    peerSuffix: crypto.randomUUID().slice(0, 8),
  });
}
