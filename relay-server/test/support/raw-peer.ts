import WebSocket from "ws";
import * as A from "@automerge/automerge";
import { cbor } from "@automerge/automerge-repo/slim";
import type { RelayServer } from "../../src/index.js";
import { wsUrl } from "./relay-fixture.js";

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** Opens a socket and sends frames; resolves with the close code, or the HTTP status of a refused upgrade. */
export function rawSocket(relay: RelayServer, token: string | undefined, frames: (Uint8Array | Buffer)[] = [], headers: Record<string, string> = {}): Promise<Closed> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(relay), token ? ["kasa.v1", `kasa.token.${token}`] : ["kasa.v1"], { headers });
    ws.on("unexpected-response", (_req, res) => resolve({ code: res.statusCode ?? 0, reason: "http" }));
    ws.on("error", () => undefined);
    ws.on("open", () => frames.forEach((f) => ws.send(f)));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

export function joinFrame(peerId: string): Uint8Array {
  return cbor.encode({ type: "join", senderId: peerId, peerMetadata: { isEphemeral: true }, supportedProtocolVersions: ["1"] });
}

export function messageFrame(type: "sync" | "request", peerId: string, documentId: string, data: Uint8Array): Uint8Array {
  return cbor.encode({ type, senderId: peerId, targetId: "relay", documentId, data });
}

/** A sync message as a peer with no copy of the document sends it: heads and wants, no changes. */
export function emptySyncData(): Uint8Array {
  return A.generateSyncMessage(A.init(), A.initSyncState())[1]!;
}

/**
 * A sync message that really carries a change on top of `base` (e.g. a copy of the store document), as
 * the first message to a peer that already has `base` would: what a device that tries to write sends.
 */
export function syncDataWithChange(base: A.Doc<unknown> = A.init()): Uint8Array {
  let mine = A.change(A.clone(base), (d) => void ((d as Record<string, unknown>)["intruder"] = "was here"));
  let theirs = A.clone(base);
  let sMine = A.initSyncState();
  let sTheirs = A.initSyncState();
  for (let round = 0; round < 10; round++) {
    const [s1, m] = A.generateSyncMessage(mine, sMine);
    sMine = s1;
    if (!m) break;
    if (A.decodeSyncMessage(m).changes.length > 0) return m;
    [theirs, sTheirs] = A.receiveSyncMessage(theirs, sTheirs, m);
    const [s2, reply] = A.generateSyncMessage(theirs, sTheirs);
    sTheirs = s2;
    if (reply) [mine, sMine] = A.receiveSyncMessage(mine, sMine, reply);
  }
  throw new Error("could not produce a sync message with changes");
}

/** A joined protocol-level peer: sends frames by hand and records what comes back. */
export class RawPeer {
  readonly received: Record<string, unknown>[] = [];
  readonly closed: Promise<Closed>;
  readonly #ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on("message", (data: Buffer) => {
      try {
        this.received.push(cbor.decode(new Uint8Array(data)) as Record<string, unknown>);
      } catch {
        // Not ours to judge here.
      }
    });
  }

  static async connect(relay: RelayServer, token: string, peerId: string): Promise<RawPeer> {
    const ws = new WebSocket(wsUrl(relay), ["kasa.v1", `kasa.token.${token}`]);
    ws.on("error", () => undefined);
    const peer = new RawPeer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => {
        ws.send(joinFrame(peerId));
        resolve();
      });
      ws.once("unexpected-response", () => reject(new Error("upgrade refused")));
    });
    await peer.waitFor((m) => m["type"] === "peer");
    return peer;
  }

  send(frame: Uint8Array): void {
    this.#ws.send(frame);
  }

  async waitFor(match: (m: Record<string, unknown>) => boolean, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline || this.#ws.readyState > WebSocket.OPEN) throw new Error("expected message did not arrive");
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.#ws.close();
  }
}
