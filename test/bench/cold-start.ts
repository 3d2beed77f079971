import { dirname, join, resolve } from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { demoPairingCode, pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister } from "../support/node-register.js";
import { seedBenchStore } from "./seed-store.js";
import { summarize, type Summary } from "./stats.js";
import { browserSaleCommit, type BrowserSaleCommit } from "./browser-sale-commit.js";

const REGISTER_DIST = fileURLToPath(new URL("../../apps/register/dist/index.html", import.meta.url));

export interface ColdStart {
  /** Navigation start → the till shows item tiles (in-page performance.now()). */
  readonly grid: Summary;
  /** Navigation start → a tapped tile is a line on the ticket: a sale has started. */
  readonly firstLine: Summary;
  /** Receipts of today the till loaded (read from its receipts screen once). */
  readonly receiptsLoaded: number;
}

interface Setup {
  readonly relay: RelayProcess;
  readonly context: BrowserContext;
  readonly url: string;
}

/**
 * A register whose browser storage already holds its store and today's journal: a Node register
 * (register 1, another device) makes `receipts` sales and syncs them, then the browser pairs as
 * register 1 and fetches the store document and today's journal once.
 */
async function setUp(browser: Browser, root: string, name: string, o: { extraItems: number; receipts: number }): Promise<Setup> {
  const dataDir = join(root, `${name}-relay`);
  await seedBenchStore(dataDir, { extraItems: o.extraItems, registers: 2 });
  const relay = await startRelayProcess({ dataDir, port: await freePort() });
  if (o.receipts > 0) {
    const node = await openNodeRegister(join(root, `${name}-node`), await pairDemoRegister(relay.url, 1), relay.url);
    await node.waitFor((s) => s.connection.state === "connected");
    await node.sellMany(o.receipts);
    await node.waitFor((s) => s.unsyncedCount === 0, 300_000);
    await node.close();
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`${relay.url}/register/#pair=${await demoPairingCode(relay.url, 1)}`);
  await page.locator('[data-testid="item-tile"]').first().waitFor({ timeout: 300_000 });
  await page.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
  // Let the service worker install and the fetched documents reach IndexedDB before the first cold start.
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true));
  await page.waitForTimeout(1000);
  await page.close();
  return { relay, context, url: `${relay.url}/register/` };
}

/** One cold start: a new tab navigates to the register; the till is usable when a tapped tile becomes a ticket line. */
async function coldStartOnce(s: Setup, shot?: string, profile?: string): Promise<{ grid: number; firstLine: number; page: Page }> {
  const page = await s.context.newPage();
  // KASA_BENCH_PROFILE: the page's main-thread JavaScript profile of this start (Chrome DevTools protocol).
  const cdp = profile ? await s.context.newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  await page.goto(s.url, { waitUntil: "commit" });
  const tile = page.locator('[data-testid="item-tile"]').first();
  await tile.waitFor({ timeout: 120_000 });
  const grid = await page.evaluate(() => performance.now());
  await tile.click();
  await page.locator('[data-testid="ticket-line"]').first().waitFor({ timeout: 60_000 });
  const firstLine = await page.evaluate(() => performance.now());
  if (cdp && profile) {
    const { profile: data } = await cdp.send("Profiler.stop");
    await mkdir(dirname(profile), { recursive: true });
    await writeFile(profile, JSON.stringify(data));
    await cdp.detach();
  }
  if (shot) await page.screenshot({ path: screenshotPath(shot) });
  // The ticket is the tab's own state; clear it so the next start begins like this one.
  await page.getByTestId("ticket-clear").click();
  return { grid, firstLine, page };
}

async function receiptsShown(page: Page): Promise<number> {
  await page.getByTestId("tab-receipts").click();
  await page.getByTestId("receipts").waitFor();
  return page.locator('[data-testid="receipt-row"]').count();
}

/**
 * P3: register cold start in Chromium with a `extraItems`-item catalogue and `receipts` receipts
 * today, against the same app on the demo store (12 items) with no receipts, measured alternately
 * in the same run so both see the same machine load. Then, if `browserSales` > 0, P1 in Chromium
 * on the demo-store register (browser-sale-commit.ts).
 */
export async function registerColdStart(
  root: string,
  o: { extraItems: number; receipts: number; runs: number; browserSales: number },
): Promise<{ big: ColdStart; base: ColdStart; p1Browser?: BrowserSaleCommit }> {
  if (!existsSync(REGISTER_DIST)) throw new Error("apps/register/dist is missing: run `pnpm build` first");
  const browser = await launchChromium();
  const setups: Setup[] = [];
  try {
    const big = await setUp(browser, root, "p3-big", o);
    setups.push(big);
    const base = await setUp(browser, root, "p3-base", { extraItems: 0, receipts: 0 });
    setups.push(base);
    const samples = { big: { grid: [] as number[], firstLine: [] as number[] }, base: { grid: [] as number[], firstLine: [] as number[] } };
    const loaded = { big: 0, base: 0 };
    // One unmeasured start each: Chromium compiles and caches the wasm and the scripts on the first.
    for (let run = -1; run < o.runs; run++) {
      for (const [key, setup] of [["big", big], ["base", base]] as const) {
        const last = run === o.runs - 1;
        const profile = last && process.env.KASA_BENCH_PROFILE ? join(resolve(process.env.KASA_BENCH_PROFILE), `p3-${key}.cpuprofile`) : undefined;
        const r = await coldStartOnce(setup, last ? `bench-p3-${key}` : undefined, profile);
        if (run >= 0) {
          samples[key].grid.push(r.grid);
          samples[key].firstLine.push(r.firstLine);
        }
        if (run === o.runs - 1) loaded[key] = await receiptsShown(r.page);
        await r.page.close();
      }
    }
    const result = (key: "big" | "base"): ColdStart => ({ grid: summarize(samples[key].grid), firstLine: summarize(samples[key].firstLine), receiptsLoaded: loaded[key] });
    if (o.browserSales <= 0) return { big: result("big"), base: result("base") };
    // P1 in Chromium, on the demo-store register (its journal starts empty today).
    const page = await base.context.newPage();
    await page.goto(base.url);
    await page.locator('[data-testid="item-tile"]').first().waitFor({ timeout: 120_000 });
    const p1Browser = await browserSaleCommit(page, o.browserSales);
    await page.close();
    return { big: result("big"), base: result("base"), p1Browser };
  } finally {
    await browser.close();
    for (const s of setups) await s.relay.stop();
  }
}
