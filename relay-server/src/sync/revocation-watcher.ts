import type { Logger } from "pino";
import type { Directory } from "../db/directory.js";
import type { Connections } from "./connections.js";

/**
 * Revocations can be written by another process (`kasa-relay revoke-device` while the relay runs).
 * New connections re-read the token on every upgrade; this watcher closes the ones already open.
 * It polls SQLite's data_version, which changes only when another connection committed, so an idle
 * poll costs no query; only then are the online devices looked up.
 */
export class RevocationWatcher {
  #version: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly directory: Directory,
    private readonly connections: Connections,
    private readonly log: Logger,
  ) {
    this.#version = directory.dataVersion();
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => this.check(), intervalMs);
    this.#timer.unref();
  }

  /** Closes the sockets of every online device revoked since the last look; returns how many devices. */
  check(): number {
    try {
      const version = this.directory.dataVersion();
      if (version === this.#version) return 0;
      this.#version = version;
      const revoked = this.directory.revokedAmong(this.connections.onlineDevices());
      for (const deviceId of revoked) {
        const closed = this.connections.closeDevice(deviceId, "DEVICE_REVOKED");
        this.log.warn({ deviceId, closed }, "device revoked elsewhere: disconnected");
      }
      return revoked.length;
    } catch (error) {
      this.log.error({ err: error }, "revocation check failed");
      return 0;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
