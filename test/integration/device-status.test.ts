import { afterEach, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister } from "../support/node-register.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

type Report = { unsynced: number; skew: number; at: number };

function lastReport(dataDir: string, deviceId: string): Report | undefined {
  const db = new Database(join(dataDir, "relay.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT unsynced_events AS unsynced, clock_skew_ms AS skew, reported_at AS at FROM device_reports WHERE device_id = ?").get(deviceId) as Report | undefined;
  } finally {
    db.close();
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("S17 the register reports its unsynced count and clock to the relay on connecting and once its sales are synced", async () => {
  const root = await mkdtemp(join(tmpdir(), "kasa-status-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, "relay");
  const port = await freePort();
  let relay: RelayProcess = await startRelayProcess({ dataDir, port });
  cleanups.push(() => relay.stop());
  const paired = await pairDemoRegister(relay.url, 1);
  const register = await openNodeRegister(join(root, "register"), paired, relay.url);
  cleanups.push(() => register.close());
  await register.waitFor((s) => s.connection.state === "connected");
  await relay.stop();
  await register.waitFor((s) => s.connection.state !== "connected");

  // Offline: three sales wait on the device.
  await register.sellMany(3);
  expect(register.session.snapshot.unsyncedCount).toBe(3);
  expect(lastReport(dataDir, paired.deviceId)?.unsynced ?? 0).toBe(0);

  relay = await startRelayProcess({ dataDir, port });
  const restartedAt = Date.now();
  await register.waitFor((s) => s.unsyncedCount === 0);
  // The report after syncing says nothing is left; the device clock is this machine's, so the skew is small.
  const report = await until("a report of 0 unsynced", () => {
    const r = lastReport(dataDir, paired.deviceId);
    return r && r.unsynced === 0 && r.at >= restartedAt ? r : undefined;
  });
  expect(Math.abs(report.skew)).toBeLessThan(60_000);
});
