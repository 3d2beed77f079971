import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { seedBenchStore } from "../bench/seed-store.js";

// Issue 7 (P3): a store with a large catalog. The item grid keeps only the rows around the screen
// in the page, yet scrolling and the page buttons reach every item, and the page count is that of
// the whole grid.

const EXTRA = 600;
const TOTAL = EXTRA + 12; // the demo store's 12 items

let root: string;
let relay: RelayProcess | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-large-catalog-"));
  const dataDir = join(root, "relay");
  await seedBenchStore(dataDir, { extraItems: EXTRA, registers: 1 });
  relay = await startRelayProcess({ dataDir, port: await freePort() });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
  await page.goto(`${relay.url}/register/#pair=${await demoPairingCode(relay.url, 1)}`);
  await page.locator('[data-testid="item-tile"]').first().waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

const tileIds = () => page.locator('[data-testid="item-tile"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-item-id")!));

/** Scrolls the grid to `top` px at once and waits until the re-sliced tiles are painted. */
async function scrollGridTo(top: number): Promise<void> {
  await page.getByTestId("item-grid").evaluate((grid, y) => {
    (grid.parentElement as HTMLElement).scrollTo({ top: y, behavior: "instant" });
  }, top);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test("a large catalog: only the rows around the screen are in the page, and scrolling reaches every item", async () => {
  const grid = page.getByTestId("item-grid");
  expect(await grid.getAttribute("data-items")).toBe(String(TOTAL));
  const first = await tileIds();
  expect(first.length).toBeGreaterThan(0);
  expect(first.length).toBeLessThan(TOTAL / 4);
  const indicator = page.getByTestId("page-indicator");
  expect(await indicator.textContent()).toMatch(/^Page 1 of \d+$/);
  const pages = Number((await indicator.textContent())!.split(" of ")[1]);
  expect(pages).toBeGreaterThan(10);

  // The grid is as tall as all its rows: stepping through it a screenful at a time meets every item.
  const { scrollHeight, clientHeight } = await grid.evaluate((g) => {
    const s = g.parentElement as HTMLElement;
    return { scrollHeight: s.scrollHeight, clientHeight: s.clientHeight };
  });
  const seen = new Set(first);
  for (let top = 0; top < scrollHeight; top += Math.floor(clientHeight * 0.8)) {
    await scrollGridTo(top);
    for (const id of await tileIds()) seen.add(id);
    expect((await tileIds()).length).toBeLessThan(TOTAL / 4);
  }
  expect(seen.size).toBe(TOTAL);
  await expect.poll(() => indicator.textContent()).toBe(`Page ${pages} of ${pages}`);
  await page.screenshot({ path: screenshotPath("register-large-catalog-end") });

  // The page buttons: back to the top, then one page down.
  await scrollGridTo(0);
  await expect.poll(() => indicator.textContent()).toBe(`Page 1 of ${pages}`);
  await page.getByTestId("page-down").click();
  await expect.poll(() => indicator.textContent()).toBe(`Page 2 of ${pages}`);
  await expect.poll(async () => (await tileIds()).some((id) => !first.includes(id))).toBe(true);

  // A tile from deep in the grid goes on the ticket like any other.
  await scrollGridTo(scrollHeight);
  const last = page.locator('[data-testid="item-tile"]').last();
  const lastId = await last.getAttribute("data-item-id");
  await last.click();
  await expect.poll(() => page.locator('[data-testid="ticket-line"]').count()).toBe(1);
  expect(lastId).not.toBeNull();

  // A search looks through the whole catalog, not only the rows in the page.
  await page.getByTestId("item-search").fill("SKU-599");
  await expect.poll(() => tileIds()).toEqual(["bench-00599"]);
  await page.screenshot({ path: screenshotPath("register-large-catalog-search") });
});
