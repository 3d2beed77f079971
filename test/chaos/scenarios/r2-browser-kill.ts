import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { freePort } from "../../support/relay-process.js";
import { ChaosRelay, readRelayDisk } from "../../support/chaos-env.js";
import { demoPairingCode } from "../../support/demo-pairing.js";
import { ChromiumProcess } from "../chromium-process.js";
import { bump, describeIds, duplicateCount, KEEP_DIRS, receiptNumberOf, runBatch, sales, Violation, type Figures, type ScenarioOptions } from "../harness.js";

/** Kills per run: a run is one relay and one Chromium profile, killed this many times in a row. */
export const R2B_KILLS_PER_RUN = 5;

/** Plain items of the demo catalog (no variant or modifier dialog). */
const ITEMS = ["espresso", "croissant", "cappuccino"] as const;

/**
 * R2 (Chromium part) — the register web app in a real Chromium on a persistent profile sells 1–3
 * sales, and the *browser process* is SIGKILLed the moment the screen shows the last one done
 * (not page.close(): nothing in the page gets to run). Chromium is relaunched on the same profile
 * with the relay stopped, so what the reopened register shows comes from its own IndexedDB only
 * (the app itself from its service worker). Every sale any life showed as done must be there with
 * its number (lost = 0), no number on the device twice, and no later sale may take a number an
 * earlier life showed (duplicates). Lives sell with the relay up and down in turns. At the end the
 * relay comes back, everything syncs, and the relay's disk holds each sale once.
 * `count` = number of kills.
 */
export async function r2BrowserKill(o: ScenarioOptions): Promise<Figures> {
  return runBatch("R2-BROWSER", o, R2B_KILLS_PER_RUN, async ({ rng, size, figures, log, keepDir }) => {
    const root = await mkdtemp(join(tmpdir(), "kasa-chaos-r2b-"));
    keepDir(root);
    const relay = new ChaosRelay(join(root, "relay"), await freePort());
    const profile = join(root, "profile");
    let chromium: ChromiumProcess | undefined;
    let ok = false;
    /** Receipt number → the life that showed it done. */
    const known = new Map<string, number>();
    const problems: string[] = [];
    const pageErrors: string[] = [];
    const lost = new Set<string>();
    const reused = new Set<string>();
    const twiceOnDevice = new Set<string>();

    const registerUrl = () => `${relay.url}/register/`;
    const launch = async (): Promise<Page> => {
      chromium = await ChromiumProcess.launch(profile);
      const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
      page.on("pageerror", (e) => pageErrors.push(`life ${known.size}: ${e.message}`));
      return page;
    };

    /** Sells `n` plain sales; resolves the moment the last one's done screen shows (no "new sale" after it). */
    const sell = async (page: Page, n: number, life: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        if (i > 0) {
          await page.getByTestId("new-sale").click();
          await page.locator('[data-testid="till"][data-phase="ticket"]').waitFor();
        }
        await page.locator(`[data-testid="item-tile"][data-item-id="${ITEMS[rng.int(0, ITEMS.length - 1)]}"]`).click();
        await page.getByTestId("charge").click();
        await page.getByTestId("pay-cash").click();
        const done = page.getByTestId("sale-done");
        await done.waitFor({ timeout: 15_000 });
        const number = (await done.getAttribute("data-number")) ?? "";
        if (!/^\d+-\d+$/.test(number)) throw new Violation(`life ${life}: no receipt number on the done screen (${number})`);
        if (known.has(number)) {
          reused.add(number);
          problems.push(`life ${life}: receipt number ${number} shown done again (first shown in life ${known.get(number)})`);
        } else known.set(number, life);
        figures.acknowledged++;
      }
    };

    /** The reopened register's own receipts (relay down): every sale shown done must be there. */
    const verify = async (page: Page, life: number): Promise<void> => {
      await page.goto(registerUrl());
      await page.getByTestId("till").waitFor({ timeout: 30_000 });
      await page.getByTestId("tab-receipts").click();
      const rows = page.locator('[data-testid="receipt-row"][data-kind="sale"]');
      // The list fills once the session has read its journals; it never shrinks.
      await rows.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      const numbers = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-number") ?? ""));
      const missing = [...known.keys()].filter((n) => !numbers.includes(n));
      for (const n of missing) lost.add(n);
      for (const n of numbers.filter((x, i) => numbers.indexOf(x) !== i)) twiceOnDevice.add(n);
      if (missing.length > 0) problems.push(`after kill ${life}: sales shown done but missing from the reopened register: ${describeIds(missing)}`);
      if (duplicateCount(numbers) > 0) problems.push(`after kill ${life}: ${duplicateCount(numbers)} receipt number(s) twice on the device`);
      await page.getByTestId("tab-till").click();
    };

    try {
      await mkdir(relay.dataDir, { recursive: true });
      await relay.start();
      // Life 0: pair, let the service worker take control (later lives load the app offline), one sale, a clean quit.
      let page = await launch();
      await page.goto(`${registerUrl()}#pair=${await demoPairingCode(relay.url, 1)}`);
      await page.getByTestId("till").waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await sell(page, 1, 0);
      await chromium!.close();
      page = await launch();
      await page.goto(registerUrl());
      await page.getByTestId("till").waitFor({ timeout: 30_000 });

      const onlineOffset = rng.int(0, 1);
      for (let k = 1; k <= size; k++) {
        const online = (k + onlineOffset) % 2 === 0;
        if (online) {
          await relay.start();
          await page.goto(registerUrl());
          await page.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
          bump(figures, "lives with the relay up");
        } else {
          await relay.stop();
          await page.getByTestId("till").waitFor({ timeout: 30_000 });
          bump(figures, "lives with the relay down");
        }
        const n = rng.int(1, 3);
        await sell(page, n, k);
        await chromium!.kill9();
        figures.runs++;
        log(`R2-BROWSER kill ${k}/${size}: browser killed after ${n} sale(s), relay ${online ? "up" : "down"}`);
        // Reopen with the relay down: the register can only show what it wrote itself.
        await relay.stop();
        page = await launch();
        await verify(page, k);
      }

      // The relay back: every sale syncs, and its disk holds each once.
      await relay.start();
      await page.goto(registerUrl());
      await page.locator('[data-testid="sync-state"][data-state="connected"][data-unsynced="0"]').waitFor({ timeout: 60_000 });
      await chromium!.close();
      chromium = undefined;
      await relay.stop();
      const disk = await readRelayDisk(relay.dataDir);
      const onRelay = disk.journals.flatMap((j) => sales(j.events).map((e) => receiptNumberOf(e)!));
      const missingOnRelay = [...known.keys()].filter((n) => !onRelay.includes(n));
      bump(figures, "sales on the relay", onRelay.length);
      if (missingOnRelay.length > 0) {
        for (const n of missingOnRelay) lost.add(n);
        problems.push(`after syncing: sales shown done but not on the relay's disk: ${describeIds(missingOnRelay)}`);
      }
      if (duplicateCount(onRelay) > 0) {
        for (const n of onRelay.filter((x, i) => onRelay.indexOf(x) !== i)) twiceOnDevice.add(n);
        problems.push(`after syncing: ${duplicateCount(onRelay)} receipt number(s) twice on the relay`);
      }
      if (disk.loadErrors.length > 0) problems.push(`relay documents that don't load: ${disk.loadErrors.join("; ")}`);
      figures.lost += lost.size;
      figures.duplicates += reused.size + twiceOnDevice.size;
      figures.crashes += relay.crashes.length + pageErrors.length;
      if (pageErrors.length > 0) problems.push(`uncaught errors in the register page: ${pageErrors.slice(0, 3).join(" | ")}`);
      if (relay.crashes.length > 0) problems.push(`relay crashes: ${relay.crashes.join("\n")}`);
      if (problems.length > 0) throw new Violation(problems.join("\n"));
      ok = true;
    } finally {
      await chromium?.kill9().catch(() => undefined);
      await relay.kill9().catch(() => undefined);
      if (ok && !KEEP_DIRS) await rm(root, { recursive: true, force: true }).catch(() => undefined);
    }
  });
}
