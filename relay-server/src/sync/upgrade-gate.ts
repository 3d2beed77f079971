import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import type { Logger } from "pino";
import { tokenFromSubprotocols } from "@kasa/documents";
import { CLOSE_CODES, type CloseCode } from "../errors.js";
import type { Directory, DeviceRow } from "../db/directory.js";
import type { Connections } from "./connections.js";
import { clientIp, originAllowed } from "../http/client-origin.js";

/** The WebSocket endpoint registers sync on. */
export const SYNC_PATH = "/sync";

/** Why an upgrade was refused: a close code name, or TOKEN_MISSING for the one refusal answered with HTTP 401. */
export type UpgradeRefusal = CloseCode | "TOKEN_MISSING";

export interface UpgradeGateDeps {
  readonly wss: WebSocketServer;
  readonly directory: Directory;
  readonly connections: Connections;
  readonly allowedOrigins: readonly string[];
  readonly trustProxy: boolean;
  readonly log: Logger;
  readonly isClosing: () => boolean;
  readonly onRefused: (reason: UpgradeRefusal) => void;
  /** The socket belongs to an authenticated, non-revoked device within its limits: hand it to automerge-repo. */
  readonly onAccepted: (ws: WebSocket, device: DeviceRow, req: IncomingMessage, ip: string) => void;
}

/**
 * Authenticates every sync connection at the HTTP upgrade (SPEC.md RL1, RL5, RL10, RL11). A request
 * with no token at all gets HTTP 401. Every other refusal completes the handshake and closes at once
 * with a coded reason, because a browser is never shown the HTTP status of a failed upgrade and
 * could not tell "revoked" from "relay down". A refused socket is never given to automerge-repo.
 */
export function createUpgradeGate(deps: UpgradeGateDeps): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { wss, directory, connections, log } = deps;
  return (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (new URL(req.url ?? "/", "http://relay").pathname !== SYNC_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    const ip = clientIp(req, deps.trustProxy);
    const token = tokenFromSubprotocols(req.headers["sec-websocket-protocol"]);
    if (!token) {
      deps.onRefused("TOKEN_MISSING");
      log.warn({ ip }, "upgrade refused: no token");
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nUNAUTHENTICATED");
      return;
    }
    let device: DeviceRow | undefined;
    let refusal: CloseCode | undefined;
    if (deps.isClosing()) refusal = "SHUTTING_DOWN";
    else if (!originAllowed(req, deps.allowedOrigins)) refusal = "ORIGIN_NOT_ALLOWED";
    else {
      // Read on every upgrade, never cached: a revocation written by the CLI holds from the next connection on.
      device = directory.deviceByToken(token);
      if (!device) refusal = "UNAUTHENTICATED";
      else if (device.revokedAt !== null) refusal = "DEVICE_REVOKED";
      else refusal = connections.refusal(device.deviceId, ip);
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on("error", (err) => log.debug({ err, ip }, "socket error"));
      if (refusal !== undefined || device === undefined) {
        const code = refusal ?? "UNAUTHENTICATED";
        deps.onRefused(code);
        log.warn({ ip, origin: req.headers.origin, deviceId: device?.deviceId, code }, "connection refused");
        ws.close(CLOSE_CODES[code], code);
        return;
      }
      connections.add(ws, device, ip);
      deps.onAccepted(ws, device, req, ip);
    });
  };
}
