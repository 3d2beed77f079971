import { performance } from "node:perf_hooks";
import type { NodeRegister } from "../support/node-register.js";

/**
 * P4: registers holding offline receipts, then the relay starts — time until every register has
 * a durable ack for all of them (the relay has them on disk), measured from the relay's start.
 */
export async function catchUp(registers: readonly NodeRegister[], startRelay: () => Promise<unknown>): Promise<{ relayStartMs: number; durableMs: number }> {
  const t0 = performance.now();
  await startRelay();
  const relayStartMs = performance.now() - t0;
  await Promise.all(registers.map((r) => r.waitFor((s) => s.unsyncedCount === 0, 300_000)));
  return { relayStartMs, durableMs: performance.now() - t0 };
}
