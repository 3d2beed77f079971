import type { WebSocket } from "ws";
import type { DeviceRow } from "../db/directory.js";

/** The authenticated device behind a socket; set at the HTTP upgrade, before automerge-repo sees the socket. */
const deviceBySocket = new WeakMap<WebSocket, DeviceRow>();

export function bindSocket(socket: WebSocket, device: DeviceRow): void {
  deviceBySocket.set(socket, device);
}

export function deviceOfSocket(socket: WebSocket): DeviceRow | undefined {
  return deviceBySocket.get(socket);
}

/** A register's peer id must start with its device id, so one device can't speak for another (DESIGN §6). */
export function peerIdBelongsTo(peerId: string, deviceId: string): boolean {
  return peerId.startsWith(`${deviceId}/`) && peerId.length <= deviceId.length + 65;
}
