import type { RelayApi } from "./relay-api.js";

/** While connected, a report at least this often: the back office shows "last contact" from it. */
const HEARTBEAT_MS = 60_000;
/** A changed unsynced count is reported after this quiet time, so a burst of sales costs one request. */
const SETTLE_MS = 2_000;

/**
 * Keeps the relay told what this register has not synced yet and what its clock says (SPEC S17):
 * the back office shows both per device, and warns before deactivating a device with unsynced data.
 * Best effort: a failed report is simply sent again later; selling never waits for it.
 */
export class StatusReporter {
  #lastReported: number | undefined;
  #settle: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #sending = false;

  constructor(
    private readonly api: RelayApi,
    private readonly connected: () => boolean,
    private readonly unsynced: () => number,
    private readonly now: () => number,
  ) {}

  /** Called on every connection: report now, then keep the heartbeat going. */
  onConnected(): void {
    void this.#send();
    if (this.#heartbeat === undefined) {
      this.#heartbeat = setInterval(() => void this.#send(), HEARTBEAT_MS);
      (this.#heartbeat as { unref?: () => void }).unref?.();
    }
  }

  /** Called whenever the register's state changed: reports a changed unsynced count once things settle. */
  onChange(): void {
    if (!this.connected() || this.unsynced() === this.#lastReported || this.#settle !== undefined) return;
    this.#settle = setTimeout(() => {
      this.#settle = undefined;
      void this.#send();
    }, SETTLE_MS);
  }

  stop(): void {
    if (this.#settle !== undefined) clearTimeout(this.#settle);
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#settle = this.#heartbeat = undefined;
  }

  async #send(): Promise<void> {
    if (!this.connected() || this.#sending) return;
    this.#sending = true;
    try {
      const unsyncedEvents = this.unsynced();
      const r = await this.api.reportStatus({ unsyncedEvents, deviceTime: Math.round(this.now()) });
      if (r.ok) this.#lastReported = unsyncedEvents;
    } finally {
      this.#sending = false;
    }
  }
}
