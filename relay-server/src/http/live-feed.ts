import { EventEmitter } from "node:events";
import type { ReceiptRow } from "../read-model/read-model.js";

export interface LiveEvents {
  receipts: [storeId: string, rows: ReceiptRow[]];
  devices: [storeId: string];
}

/** Fan-out of read-model changes to open back-office pages (server-sent events). */
export class LiveFeed extends EventEmitter<LiveEvents> {
  constructor() {
    super();
    // Each open dashboard adds a listener; hundreds are normal for a relay serving many stores.
    this.setMaxListeners(0);
  }
}
