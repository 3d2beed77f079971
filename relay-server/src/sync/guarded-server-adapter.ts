import { cbor, type PeerId } from "@automerge/automerge-repo/slim";
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "pino";
import { CLOSE_CODES, type CloseCode } from "../errors.js";
import { deviceOfSocket, peerIdBelongsTo } from "./connected-device.js";
import type { DeviceRow } from "../db/directory.js";
import type { DocumentAccess } from "./document-access.js";
import { checkEnvelope, type Envelope } from "./frame-envelope.js";
import { TokenBucket } from "./token-bucket.js";

export interface GuardEvents {
  /** A connection was closed for bad input or a broken rule; counted by metrics. */
  onRejected?(code: CloseCode, device: DeviceRow | undefined): void;
  onPeer?(peerId: string, device: DeviceRow): void;
  /** A request for a document the device may not open, answered "unavailable". */
  onReadRefused?(device: DeviceRow, documentId: string): void;
  onFrame?(direction: "in" | "out"): void;
}

export interface GuardOptions {
  readonly access: DocumentAccess;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly now: () => number;
  readonly keepAliveMs: number;
  readonly events?: GuardEvents;
  /**
   * For an admitted document message: a promise to wait on before the Repo sees it (the document
   * being read from storage), or undefined to deliver at once. SPEC RL60.
   */
  readonly beforeDeliver?: (documentId: string) => Promise<unknown> | undefined;
}

/**
 * The stock server adapter trusts every frame: a single CBOR `null` kills the process
 * (research/automerge.md P8), any peer id is believed and any document id may be read or written.
 * This subclass checks each frame before the stock code runs: rate, envelope, peer binding, and the
 * document rule (SPEC.md RL2–RL4, RL9, RL12). A refused read is answered "unavailable" here and never
 * reaches the Repo; anything else wrong closes the connection with a coded reason. Nothing thrown
 * here escapes a socket callback.
 */
export class GuardedServerAdapter extends WebSocketServerAdapter {
  readonly deviceByPeer = new Map<string, DeviceRow>();
  readonly #log: Logger;
  readonly #options: GuardOptions;
  readonly #events: GuardEvents;
  readonly #buckets = new WeakMap<WebSocket, TokenBucket>();
  /** Per socket: the last message still waiting to be delivered; later ones queue behind it (order is the sync protocol's). */
  readonly #inbound = new WeakMap<WebSocket, Promise<void>>();

  constructor(wss: WebSocketServer, log: Logger, options: GuardOptions) {
    super(wss as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0], options.keepAliveMs);
    this.#log = log;
    this.#options = options;
    this.#events = options.events ?? {};
  }

  override receiveMessage(messageBytes: Uint8Array, socket: never): void {
    const ws = socket as unknown as WebSocket;
    this.#events.onFrame?.("in");
    // Frames that arrive after we decided to close are not judged again: one rejection per connection.
    if (ws.readyState !== ws.OPEN) return;
    const device = deviceOfSocket(ws);
    if (!device) return this.#reject(ws, "UNAUTHENTICATED", undefined, "socket without device");
    if (!this.#bucket(ws).take()) return this.#reject(ws, "RATE_LIMITED", device, "inbound frame rate");
    let message: unknown;
    try {
      message = cbor.decode(new Uint8Array(messageBytes));
    } catch {
      return this.#reject(ws, "MALFORMED_FRAME", device, "not CBOR");
    }
    const checked = checkEnvelope(message);
    if (!checked.ok) return this.#reject(ws, "MALFORMED_FRAME", device, checked.detail);
    const envelope = checked.envelope;
    if (envelope.type === "join") {
      if (!peerIdBelongsTo(envelope.senderId, device.deviceId)) return this.#reject(ws, "PEER_ID_MISMATCH", device, `peer ${envelope.senderId}`);
      this.deviceByPeer.set(envelope.senderId, device);
      this.#events.onPeer?.(envelope.senderId, device);
    } else {
      if (this.deviceByPeer.get(envelope.senderId)?.deviceId !== device.deviceId) return this.#reject(ws, "PEER_ID_MISMATCH", device, `unjoined peer ${envelope.senderId}`);
      if (envelope.documentId !== undefined && !this.#admitDocumentMessage(ws, device, envelope)) return;
    }
    const deliver = () => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        super.receiveMessage(messageBytes as never, socket);
      } catch (error) {
        this.#reject(ws, "MALFORMED_FRAME", device, `rejected by repo: ${(error as Error).message}`);
      }
    };
    // automerge-repo 2.5 answers "unavailable" for a document it has not finished reading from its
    // own storage, and then never sends it (chaos finding F3): a message about a stored document
    // waits until it is loaded. Later messages of the same socket wait behind it, in order.
    const wait = envelope.type !== "join" && envelope.documentId !== undefined ? this.#options.beforeDeliver?.(envelope.documentId) : undefined;
    const queued = this.#inbound.get(ws);
    if (wait === undefined && queued === undefined) return deliver();
    const next = (queued ?? Promise.resolve()).then(() => wait).then(deliver, deliver);
    this.#inbound.set(ws, next);
    void next.finally(() => {
      if (this.#inbound.get(ws) === next) this.#inbound.delete(ws);
    });
  }

  override send(message: Parameters<WebSocketServerAdapter["send"]>[0]): void {
    try {
      super.send(message);
      this.#events.onFrame?.("out");
    } catch (error) {
      // A peer that went away between the repo's decision and the write: nothing to do, sync resumes on reconnect.
      this.#log.debug({ err: error, targetId: message.targetId }, "send to a closed socket dropped");
    }
  }

  peersOfDevice(deviceId: string): PeerId[] {
    return [...this.deviceByPeer].filter(([, d]) => d.deviceId === deviceId).map(([p]) => p as PeerId);
  }

  /** The document rule; returns false when the message must not reach the Repo. */
  #admitDocumentMessage(ws: WebSocket, device: DeviceRow, envelope: Envelope): boolean {
    const documentId = envelope.documentId!;
    let level;
    if (envelope.type === "sync") {
      const claim = this.#options.access.claim(device, documentId);
      if (claim.overLimit) {
        this.#reject(ws, "DOCUMENT_LIMIT", device, `store ${device.storeId} is full; refused new document ${documentId}`);
        return false;
      }
      level = claim.level;
    } else {
      level = this.#options.access.level(device, documentId);
    }
    if (level === "write") return true;
    // The Repo would apply these changes (a `request` is applied like a `sync`), so they are refused before it.
    if (envelope.changes > 0) {
      this.#reject(ws, "FORBIDDEN", device, `${envelope.changes} change(s) to ${level === "read" ? "read-only" : "foreign"} document ${documentId}`);
      return false;
    }
    if (level === "read") return true;
    this.#log.warn({ deviceId: device.deviceId, storeId: device.storeId, documentId, type: envelope.type }, "access refused: document of another store or register");
    this.#events.onReadRefused?.(device, documentId);
    if (envelope.type === "sync" || envelope.type === "request") {
      this.send({ type: "doc-unavailable", senderId: this.peerId!, targetId: envelope.senderId as PeerId, documentId: documentId as never });
    }
    return false;
  }

  #bucket(ws: WebSocket): TokenBucket {
    let bucket = this.#buckets.get(ws);
    if (!bucket) {
      bucket = new TokenBucket(this.#options.messagesPerSecond, this.#options.messageBurst, this.#options.now);
      this.#buckets.set(ws, bucket);
    }
    return bucket;
  }

  #reject(ws: WebSocket, code: CloseCode, device: DeviceRow | undefined, detail: string): void {
    this.#log.warn({ code, deviceId: device?.deviceId, detail }, "closing connection");
    this.#events.onRejected?.(code, device);
    try {
      ws.close(CLOSE_CODES[code], code);
    } catch {
      ws.terminate();
    }
  }
}
