/** Which devices have an open connection right now (a device may briefly hold two while reconnecting). */
export class DeviceStatus {
  readonly #connections = new Map<string, number>();

  connected(deviceId: string): void {
    this.#connections.set(deviceId, (this.#connections.get(deviceId) ?? 0) + 1);
  }

  disconnected(deviceId: string): void {
    const n = (this.#connections.get(deviceId) ?? 1) - 1;
    if (n <= 0) this.#connections.delete(deviceId);
    else this.#connections.set(deviceId, n);
  }

  isOnline(deviceId: string): boolean {
    return this.#connections.has(deviceId);
  }

  get connectionCount(): number {
    let n = 0;
    for (const c of this.#connections.values()) n += c;
    return n;
  }
}
