import { cbor, type PeerId } from "@automerge/automerge-repo/slim";
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "pino";
import { CLOSE_CODES, type CloseCode } from "../errors.js";
import { deviceOfSocket, peerIdBelongsTo } from "./connected-device.js";
import type { DeviceRow } from "../db/directory.js";

const KNOWN_TYPES = new Set(["join", "sync", "request", "doc-unavailable", "ephemeral", "remote-heads-changed", "remote-subscription-change"]);

export interface GuardEvents {
  /** A connection was closed for bad input; counted by metrics and shown to operators. */
  onRejected?(code: CloseCode, device: DeviceRow | undefined): void;
  onPeer?(peerId: string, device: DeviceRow): void;
}

/**
 * The stock server adapter trusts every frame: a single CBOR `null` kills the process
 * (research/automerge.md P8) and any peer id is believed. This subclass checks each frame before
 * the stock code runs, binds the peer id to the device authenticated at the upgrade, and closes
 * the connection with a coded reason on anything malformed. Nothing thrown here escapes a socket callback.
 */
export class GuardedServerAdapter extends WebSocketServerAdapter {
  readonly deviceByPeer = new Map<string, DeviceRow>();
  readonly #log: Logger;
  readonly #events: GuardEvents;

  constructor(wss: WebSocketServer, log: Logger, events: GuardEvents = {}, keepAliveMs = 5000) {
    super(wss as unknown as ConstructorParameters<typeof WebSocketServerAdapter>[0], keepAliveMs);
    this.#log = log;
    this.#events = events;
  }

  override receiveMessage(messageBytes: Uint8Array, socket: never): void {
    const ws = socket as unknown as WebSocket;
    const device = deviceOfSocket(ws);
    if (!device) return this.#reject(ws, "UNAUTHENTICATED", undefined, "socket without device");
    let message: unknown;
    try {
      message = cbor.decode(new Uint8Array(messageBytes));
    } catch {
      return this.#reject(ws, "MALFORMED_FRAME", device, "not CBOR");
    }
    if (message === null || typeof message !== "object" || Array.isArray(message)) return this.#reject(ws, "MALFORMED_FRAME", device, "not an object");
    const { type, senderId } = message as { type?: unknown; senderId?: unknown };
    if (typeof type !== "string" || !KNOWN_TYPES.has(type) || typeof senderId !== "string") {
      return this.#reject(ws, "MALFORMED_FRAME", device, `bad envelope type=${String(type)}`);
    }
    if (type === "join") {
      if (!peerIdBelongsTo(senderId, device.deviceId)) return this.#reject(ws, "PEER_ID_MISMATCH", device, `peer ${senderId}`);
      this.deviceByPeer.set(senderId, device);
      this.#events.onPeer?.(senderId, device);
    } else {
      if (this.deviceByPeer.get(senderId)?.deviceId !== device.deviceId) return this.#reject(ws, "PEER_ID_MISMATCH", device, `unjoined peer ${senderId}`);
      const m = message as { documentId?: unknown; data?: unknown };
      if ((type === "sync" || type === "request" || type === "ephemeral") && (typeof m.documentId !== "string" || !(m.data instanceof Uint8Array))) {
        return this.#reject(ws, "MALFORMED_FRAME", device, `${type} without documentId/data`);
      }
    }
    try {
      super.receiveMessage(messageBytes as never, socket);
    } catch (error) {
      this.#reject(ws, "MALFORMED_FRAME", device, `rejected by repo: ${(error as Error).message}`);
    }
  }

  override send(message: Parameters<WebSocketServerAdapter["send"]>[0]): void {
    try {
      super.send(message);
    } catch (error) {
      // A peer that went away between the repo's decision and the write: nothing to do, sync resumes on reconnect.
      this.#log.debug({ err: error, targetId: message.targetId }, "send to a closed socket dropped");
    }
  }

  /** Disconnects every socket of a device, e.g. after its token was revoked. */
  disconnectDevice(deviceId: string, code: CloseCode): number {
    let closed = 0;
    for (const [peerId, device] of this.deviceByPeer) {
      if (device.deviceId !== deviceId) continue;
      const socket = (this.sockets as Record<string, WebSocket | undefined>)[peerId];
      socket?.close(CLOSE_CODES[code], code);
      this.deviceByPeer.delete(peerId);
      closed++;
    }
    return closed;
  }

  peersOfDevice(deviceId: string): PeerId[] {
    return [...this.deviceByPeer].filter(([, d]) => d.deviceId === deviceId).map(([p]) => p as PeerId);
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
