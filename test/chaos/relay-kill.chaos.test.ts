import { test } from "vitest";
import { r1RelayKill } from "./scenarios/r1-relay-kill.js";
import { CHAOS_TIMEOUT_MS, ciSeed, expectClean, log, quickCount } from "./ci.js";

test(
  "R1 kill -9 of the relay while 3 registers sell loses no acknowledged receipt and duplicates nothing",
  async () => {
    expectClean(await r1RelayKill({ count: quickCount("R1"), seed: ciSeed(), log }));
  },
  CHAOS_TIMEOUT_MS,
);
