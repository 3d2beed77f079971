import { test } from "vitest";
import { r3Partitions } from "./scenarios/r3-partitions.js";
import { CHAOS_TIMEOUT_MS, ciSeed, expectClean, log, quickCount } from "./ci.js";

test(
  "R3 random partitions, reconnects and relay restarts converge: all synced, relay disk = union, read model = disk, shift reports equal",
  async () => {
    expectClean(await r3Partitions({ count: quickCount("R3"), seed: ciSeed(), log }));
  },
  CHAOS_TIMEOUT_MS,
);
