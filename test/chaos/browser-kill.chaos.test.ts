import { test } from "vitest";
import { r2BrowserKill } from "./scenarios/r2-browser-kill.js";
import { CHAOS_TIMEOUT_MS, ciSeed, expectClean, log, quickCount } from "./ci.js";

// R2, Chromium part (test/chaos/README.md): the register web app on a persistent Chromium profile;
// the browser process is SIGKILLed as soon as the screen shows a sale done, relaunched on the same
// profile with the relay down. Needs the built apps (`pnpm build`) and Debian's Chromium, like e2e.
test(
  "R2-BROWSER kill -9 of the Chromium browser process right after the register shows a sale done: every sale is there after relaunching, no number reused",
  async () => {
    expectClean(await r2BrowserKill({ count: quickCount("R2-BROWSER"), seed: ciSeed(), log }));
  },
  CHAOS_TIMEOUT_MS,
);
