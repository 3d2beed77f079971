import { Repo, type PeerId, type StorageAdapterInterface } from "@automerge/automerge-repo/slim";
import { RelayClientAdapter, type WebSocketConstructor } from "./relay-client-adapter.js";
import { peerIdFor, syncUrlFor, type PairedRegister } from "./paired-register.js";
import { CheckedStorageAdapter } from "./checked-storage.js";

export interface RegisterRepo {
  readonly repo: Repo;
  readonly storage: StorageAdapterInterface;
  readonly connection: RelayClientAdapter;
}

export interface RegisterRepoOptions {
  readonly paired: PairedRegister;
  readonly relayHttpUrl: string;
  readonly storage: StorageAdapterInterface;
  readonly WebSocket?: WebSocketConstructor;
  readonly retry?: { initialMs?: number; maxMs?: number };
  /** Random suffix of the peer id; a fresh one per process start. */
  readonly peerSuffix: string;
}

/** A Repo for one register: its storage, and one connection to the relay authenticated by the device token. */
export function createRegisterRepo(o: RegisterRepoOptions): RegisterRepo {
  const connection = new RelayClientAdapter({
    url: syncUrlFor(o.relayHttpUrl),
    token: o.paired.token,
    ...(o.WebSocket ? { WebSocket: o.WebSocket } : {}),
    ...(o.retry ? { retry: o.retry } : {}),
  });
  // Damaged chunks are set aside before automerge-repo loads a document (SPEC S19).
  const storage = new CheckedStorageAdapter(o.storage);
  const repo = new Repo({
    storage,
    network: [connection],
    peerId: peerIdFor(o.paired.deviceId, o.peerSuffix) as PeerId,
  });
  return { repo, storage, connection };
}
