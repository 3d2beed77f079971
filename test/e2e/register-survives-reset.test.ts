import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { CHROMIUM_PATH, launchChromium, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";

// DESIGN O3 (issue 4, "Sign-out"): sales not yet on the relay survive a browser restart and a forced
// reset of the app's UI state (localStorage and session storage wiped), then reach the relay. And
// the top bar's two warnings: storage not persisted, and a device clock more than 2 minutes off the
// relay's. Screenshots: register-reset-*.png, register-clock-warning.png.

let root: string;
let dataDir: string;
let profile: string;
let port: number;
let relay: RelayProcess | undefined;
let context: BrowserContext | undefined;

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

/** Chromium with a profile folder on disk, as a real browser keeps one across restarts (same flags as launchChromium). */
async function launchProfile(): Promise<Page> {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    viewport: { width: 1024, height: 768 },
    locale: "en-US",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  return context.pages()[0] ?? (await context.newPage());
}

async function sellOne(page: Page): Promise<string> {
  await page.locator('[data-testid="item-tile"][data-item-id="espresso"]').click();
  await page.getByTestId("charge").click();
  await page.getByTestId("pay-cash").click();
  const done = page.getByTestId("sale-done");
  await done.waitFor();
  const number = /\d+-\d+/.exec((await done.textContent()) ?? "")?.[0];
  if (!number) throw new Error("no receipt number on the done screen");
  await page.getByTestId("new-sale").click();
  return number;
}

async function unsyncedRows(page: Page, numbers: readonly string[]): Promise<(string | null)[]> {
  await page.getByTestId("tab-receipts").click();
  return Promise.all(numbers.map((n) => page.locator(`[data-testid="receipt-row"][data-number="${n}"]`).getAttribute("data-synced", { timeout: 15_000 })));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-reset-"));
  dataDir = join(root, "relay");
  profile = join(root, "chromium-profile");
  port = await freePort();
  relay = await startRelayProcess({ dataDir, port });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("register: unsynced sales survive a browser restart and an app reset (O3)", () => {
  test("O3 unsynced sales survive a browser restart and a wiped localStorage (the identity comes back from IndexedDB), then reach the relay", async () => {
    let page = await launchProfile();
    const code = await demoPairingCode(relay!.url, 2);
    await page.goto(url(`/register/#pair=${code}`));
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await relay!.stop();
    relay = undefined;
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
    const numbers = [await sellOne(page), await sellOne(page)];
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-unsynced")).toBe("2");

    // Browser restart: the whole Chromium process goes, the profile folder stays.
    await context!.close();
    page = await launchProfile();
    await page.goto(url("/register/"));
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-unsynced"), { timeout: 15_000 }).toBe("2");
    expect(await unsyncedRows(page, numbers)).toEqual(["false", "false"]);
    await page.screenshot({ path: screenshotPath("register-reset-after-restart") });

    // Forced reset of the app's UI state: localStorage (the paired identity with it) and session storage wiped.
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.reload();
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("toast").textContent(), { timeout: 15_000 }).toContain("Register identity restored");
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-unsynced"), { timeout: 15_000 }).toBe("2");
    expect(await page.evaluate(() => localStorage.getItem("kasa.register.paired") !== null)).toBe(true);
    await page.screenshot({ path: screenshotPath("register-reset-identity-restored") });
    expect(await unsyncedRows(page, numbers)).toEqual(["false", "false"]);

    // The relay back: both sales reach it, once.
    relay = await startRelayProcess({ dataDir, port });
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-unsynced"), { timeout: 30_000 }).toBe("0");
    expect(await unsyncedRows(page, numbers)).toEqual(["true", "true"]);
    const db = new Database(join(dataDir, "read-model.sqlite"), { readonly: true, fileMustExist: true });
    try {
      await expect
        .poll(() => (db.prepare(`SELECT count(*) AS n FROM receipts WHERE number IN (${numbers.map(() => "?").join(",")})`).get(...numbers) as { n: number }).n, { timeout: 15_000 })
        .toBe(2);
    } finally {
      db.close();
    }
  });

  test("clock and storage: a device clock 5 minutes off the relay's is warned about; storage not persisted is warned about", async () => {
    const browser = await launchChromium();
    try {
      const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-US" });
      // The device's clock runs 5 minutes ahead; the relay keeps the true time.
      await ctx.addInitScript(() => {
        const offset = 5 * 60_000;
        const RealDate = Date;
        const realNow = RealDate.now.bind(RealDate);
        class ShiftedDate extends RealDate {
          constructor(...args: unknown[]) {
            if (args.length === 0) super(realNow() + offset);
            else super(...(args as [number]));
          }
          static override now() {
            return realNow() + offset;
          }
        }
        (globalThis as { Date: DateConstructor }).Date = ShiftedDate as DateConstructor;
      });
      const page = await ctx.newPage();
      const code = await demoPairingCode(relay!.url, 1);
      await page.goto(url(`/register/#pair=${code}`));
      await page.getByTestId("till").waitFor({ timeout: 30_000 });
      const clock = page.getByTestId("clock-warning");
      await clock.waitFor({ timeout: 30_000 });
      await clock.click();
      await page.getByText(/is 5 min off the relay's/).waitFor({ timeout: 10_000 });
      // Headless Chromium refuses navigator.storage.persist() for a site the user never bookmarked or installed.
      expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
      await page.getByTestId("storage-warning").waitFor({ timeout: 15_000 });
      await page.screenshot({ path: screenshotPath("register-clock-warning") });
    } finally {
      await browser.close();
    }
  });
});
