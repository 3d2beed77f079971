import { performance } from "node:perf_hooks";
import type { NodeRegister } from "../support/node-register.js";

export interface CatchUp {
  readonly relayStartMs: number;
  /** Relay start → every register holds a durable ack for all its offline receipts. */
  readonly durableMs: number;
  /** Relay start → the last receipt of every register is in the read model (the back office's reports). */
  readonly readModelMs: number;
}

/**
 * P4: registers holding offline receipts, then the relay starts — time until every register has
 * a durable ack for all of them (the relay has them on disk), and until the read model has them,
 * both measured from the relay's start. `lastIds` are each register's last offline receipt: a
 * journal's events are projected in one go, so its last one there means all of them are.
 */
export async function catchUp(
  registers: readonly NodeRegister[],
  lastIds: readonly string[],
  startRelay: () => Promise<{ url: string }>,
  owner: { email: string; password: string },
): Promise<CatchUp> {
  const t0 = performance.now();
  const relay = await startRelay();
  const relayStartMs = performance.now() - t0;
  let readModelMs = NaN;
  const projected = inReadModel(relay.url, registers[0]!.session.paired.storeId, lastIds, owner).then(() => (readModelMs = performance.now() - t0));
  await Promise.all(registers.map((r) => r.waitFor((s) => s.unsyncedCount === 0, 300_000)));
  const durableMs = performance.now() - t0;
  await projected;
  return { relayStartMs, durableMs, readModelMs };
}

/** Polls the owner API (every 25 ms) until each receipt id is in the read model. */
async function inReadModel(url: string, storeId: string, ids: readonly string[], owner: { email: string; password: string }): Promise<void> {
  const login = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const deadline = performance.now() + 300_000;
  for (const id of ids) {
    while ((await fetch(`${url}/api/stores/${storeId}/sales/${id}`, { headers: { cookie } })).status !== 200) {
      if (performance.now() > deadline) throw new Error(`receipt ${id} not in the read model after 300 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
