import type { Scenario } from "../harness.js";
import { r1RelayKill } from "./r1-relay-kill.js";
import { r2RegisterKill, r2SlowDiskCrash } from "./r2-register-kill.js";
import { r2BrowserKill } from "./r2-browser-kill.js";
import { r3Partitions } from "./r3-partitions.js";
import { r7CorruptChunk } from "./r7-corrupt-chunk.js";
import { r7RelayCorruptChunk } from "./r7-relay-corrupt-chunk.js";
import { r8DiskFull } from "./r8-disk-full.js";

export interface ScenarioEntry {
  readonly id: string;
  readonly title: string;
  readonly run: Scenario;
  /** What CI runs (vitest project "chaos" and the runner's default). */
  readonly quick: number;
  /** The on-demand size (`--full`). */
  readonly full: number;
}

export const SCENARIOS: readonly ScenarioEntry[] = [
  { id: "R1", title: "relay kill -9 while 3 registers sell", run: r1RelayKill, quick: 5, full: 200 },
  { id: "R2", title: "register process kill -9 right after a sale", run: r2RegisterKill, quick: 5, full: 100 },
  // The crash window R2 hits by chance, made deterministic with slow disk writes (finding F2). Pinned in CI as a .fails test.
  { id: "R2S", title: "register killed after its sale reached the relay, before its own disk write", run: r2SlowDiskCrash, quick: 0, full: 20 },
  // The register web app in Chromium; the browser process SIGKILLed when the screen shows the sale done.
  { id: "R2-BROWSER", title: "Chromium browser process kill -9 right after the register shows a sale done", run: r2BrowserKill, quick: 3, full: 50 },
  { id: "R3", title: "partitions, reconnects and relay restarts; convergence", run: r3Partitions, quick: 5, full: 500 },
  { id: "R7", title: "damaged journal chunk on a register device (a chunk whose loss costs events)", run: (o) => r7CorruptChunk({ ...o, target: "harmful" }), quick: 2, full: 60 },
  // The chunk holding the journal's creation: the journal loads with no event map (finding F1b). Pinned in CI as a .fails test.
  { id: "R7-ROOT", title: "damaged journal chunk holding the journal's creation", run: (o) => r7CorruptChunk({ ...o, target: "root" }), quick: 0, full: 20 },
  // Any chunk, any damage (truncate, flip, empty): how often damage matters at all. On demand only.
  { id: "R7R", title: "damaged journal chunk on a register device (random chunk and damage)", run: (o) => r7CorruptChunk({ ...o, target: "random" }), quick: 0, full: 60 },
  // A damaged chunk of a journal in the relay's documents.sqlite (relay SPEC-storage ST26): detected, quarantined, repaired by the register.
  { id: "R7-RELAY", title: "damaged journal chunk in the relay's storage; the register repairs it", run: r7RelayCorruptChunk, quick: 2, full: 50 },
  { id: "R8", title: "relay disk full, then space comes back", run: r8DiskFull, quick: 2, full: 20 },
];

export function scenarioById(id: string): ScenarioEntry {
  const s = SCENARIOS.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!s) throw new Error(`unknown scenario ${id}; known: ${SCENARIOS.map((x) => x.id).join(", ")}`);
  return s;
}
