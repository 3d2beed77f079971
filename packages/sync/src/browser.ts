// Browser entry point: IndexedDB storage and the browser's WebSocket.
import { IndexedDBStorageAdapter } from "@automerge/automerge-repo-storage-indexeddb";
import { createRegisterRepo, type RegisterRepo } from "./register-repo.js";
import type { PairedRegister } from "./paired-register.js";

export function createBrowserRegisterRepo(o: { paired: PairedRegister; relayHttpUrl: string; databaseName?: string }): RegisterRepo {
  return createRegisterRepo({
    paired: o.paired,
    relayHttpUrl: o.relayHttpUrl,
    storage: new IndexedDBStorageAdapter(o.databaseName ?? "kasa-register"),
    peerSuffix: crypto.randomUUID().slice(0, 8),
  });
}
