import { test } from "vitest";
import { canMountTmpfs, r8DiskFull } from "./scenarios/r8-disk-full.js";
import { CHAOS_TIMEOUT_MS, ciSeed, expectClean, log, quickCount } from "./ci.js";

const mount = await canMountTmpfs();
if (!mount.ok) console.warn(`R8 skipped: ${mount.reason}`);

test.skipIf(!mount.ok)(
  "R8 relay disk full: sales stay Unsynced (never falsely synced), and all sync once space is back",
  async () => {
    expectClean(await r8DiskFull({ count: quickCount("R8"), seed: ciSeed(), log }));
  },
  CHAOS_TIMEOUT_MS,
);
