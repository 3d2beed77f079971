import type { WebSocket } from "ws";
import type { DeviceRow } from "../db/directory.js";
import type { CloseCode } from "../errors.js";
import { CLOSE_CODES } from "../errors.js";

export interface ConnectionCaps {
  readonly perDevice: number;
  readonly perIp: number;
}

/**
 * Every open sync socket, by device and by client IP. One registry answers "is this register online"
 * for the back office, enforces the per-device and per-IP caps, and finds a revoked device's sockets
 * even before they have joined as a peer.
 */
export class Connections {
  readonly #byDevice = new Map<string, Set<WebSocket>>();
  readonly #byIp = new Map<string, number>();
  readonly #caps: ConnectionCaps;

  constructor(caps: ConnectionCaps) {
    this.#caps = caps;
  }

  /** Why one more connection would be refused, or undefined if it fits. */
  refusal(deviceId: string, ip: string): CloseCode | undefined {
    if ((this.#byDevice.get(deviceId)?.size ?? 0) >= this.#caps.perDevice) return "TOO_MANY_CONNECTIONS";
    if ((this.#byIp.get(ip) ?? 0) >= this.#caps.perIp) return "TOO_MANY_CONNECTIONS";
    return undefined;
  }

  /** Records an accepted socket; it is forgotten when it closes. */
  add(socket: WebSocket, device: DeviceRow, ip: string): void {
    let sockets = this.#byDevice.get(device.deviceId);
    if (!sockets) this.#byDevice.set(device.deviceId, (sockets = new Set()));
    sockets.add(socket);
    this.#byIp.set(ip, (this.#byIp.get(ip) ?? 0) + 1);
    socket.once("close", () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.#byDevice.get(device.deviceId) === sockets) this.#byDevice.delete(device.deviceId);
      const n = (this.#byIp.get(ip) ?? 1) - 1;
      if (n <= 0) this.#byIp.delete(ip);
      else this.#byIp.set(ip, n);
    });
  }

  isOnline(deviceId: string): boolean {
    return this.#byDevice.has(deviceId);
  }

  onlineDevices(): string[] {
    return [...this.#byDevice.keys()];
  }

  get count(): number {
    let n = 0;
    for (const s of this.#byDevice.values()) n += s.size;
    return n;
  }

  /** Closes every socket of a device with a coded reason; returns how many were open. */
  closeDevice(deviceId: string, code: CloseCode): number {
    const sockets = [...(this.#byDevice.get(deviceId) ?? [])];
    for (const s of sockets) s.close(CLOSE_CODES[code], code);
    return sockets.length;
  }
}
