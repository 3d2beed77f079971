// Node entry point (tests, tools, a Node register): disk storage and the `ws` WebSocket.
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import WebSocket from "ws";
import { randomUUID } from "node:crypto";
import { createRegisterRepo, type RegisterRepo } from "./register-repo.js";
import type { PairedRegister } from "./paired-register.js";
import type { WebSocketConstructor } from "./relay-client-adapter.js";

export function createNodeRegisterRepo(o: { dir: string; paired: PairedRegister; relayHttpUrl: string; retry?: { initialMs?: number; maxMs?: number } }): RegisterRepo {
  return createRegisterRepo({
    paired: o.paired,
    relayHttpUrl: o.relayHttpUrl,
    storage: new NodeFSStorageAdapter(o.dir),
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    peerSuffix: randomUUID().slice(0, 8),
    ...(o.retry ? { retry: o.retry } : {}),
  });
}
