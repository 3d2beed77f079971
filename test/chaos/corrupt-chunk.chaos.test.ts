import { test } from "vitest";
import { CANNOT_SELL, NOT_DETECTED, r7CorruptChunk } from "./scenarios/r7-corrupt-chunk.js";
import { CHAOS_TIMEOUT_MS, ciSeed, expectClean, expectNoFailuresOfKind, log, quickCount } from "./ci.js";
import type { Figures } from "./harness.js";

// Each run empties a chunk of a register's journal whose loss costs at least one event but leaves the
// journal's event map, so every run tests detection.
let runs: Promise<Figures> | undefined;
const damaged = () => (runs ??= r7CorruptChunk({ count: quickCount("R7"), seed: ciSeed(), log, target: "harmful" }));

test(
  "R7 a damaged journal chunk on a register: no synced sale is lost for good, the register still sells, nothing crashes",
  async () => {
    expectClean(await damaged(), [NOT_DETECTED]);
  },
  CHAOS_TIMEOUT_MS,
);

// FINDING F1 (test/chaos/README.md), still open: a damaged chunk is not detected or reported naming
// the journal. It is not pinned here as an expected failure (that would count as a pass in CI's
// totals); `pnpm chaos --scenario R7` reports it as failed runs until the load check exists.

// FINDING F1b (test/chaos/README.md), fixed: when the damaged chunk is the one that created the journal
// (its snapshot), the journal loads with no `events` map; appendEvent used to throw on every sale of the
// day. It now recreates the map (documents SPEC DOC2). Pinned seed: any seed reproduced it.
test(
  "R7 pinned: after the chunk holding the journal's creation is damaged, the register can still sell",
  async () => {
    const f = await r7CorruptChunk({ count: 1, seed: 0x39285bc2, runSeed: 0x39285bc2, log, target: "root" });
    console.log(f.failures.map((x) => x.message).join("\n"));
    expectNoFailuresOfKind(f, CANNOT_SELL);
  },
  CHAOS_TIMEOUT_MS,
);
