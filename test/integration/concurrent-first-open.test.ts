import { afterEach, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";
import { seedChaosStore } from "../support/chaos-env.js";

// Chaos finding F3: registers opening for the first time together, against a relay that has not yet
// read the store's documents from its storage since it started, could get "Document … is unavailable"
// (automerge-repo 2.5's server answers before reading its storage, then sends the document). Sync
// SPEC S18: the session waits for the late document while connected.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

test("S18 RL60 three fresh registers opening at the same time against a freshly started relay all open", async () => {
  const root = await mkdtemp(join(tmpdir(), "kasa-first-open-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dataDir = join(root, "relay");
  const port = await freePort();
  // A store with three registers (the demo store has two), created before the relay ever starts.
  await seedChaosStore(dataDir, 3);
  let relay: RelayProcess = await startRelayProcess({ dataDir, port });
  cleanups.push(() => relay.stop());
  const rounds = 3;
  const opened: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const paired = await Promise.all([1, 2, 3].map((n) => pairDemoRegister(relay.url, n)));
    // A restart empties the relay's memory: the store document must be read from storage again.
    await relay.stop();
    relay = await startRelayProcess({ dataDir, port });
    const registers = await Promise.all(paired.map((p, i) => openNodeRegister(join(root, `round-${round}-register-${i + 1}`), p, relay.url)));
    for (const r of registers) cleanups.push(() => r.close());
    for (const r of registers) opened.push(r.session.snapshot.store.settings.name);
    await Promise.all(registers.map((r: NodeRegister) => r.close()));
  }
  expect(opened).toHaveLength(3 * rounds);
  expect(new Set(opened).size).toBe(1);
});
