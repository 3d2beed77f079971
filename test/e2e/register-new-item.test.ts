import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";

// DESIGN O12 / issue 4 "Creating items from the register: online only" (relay RL53): ⋮ → New item
// creates the item through the relay; it appears on both registers' grids and sells. Offline the
// menu entry is disabled and says why. Screenshots: register-new-item-*.png.

let root: string;
let dataDir: string;
let port: number;
let relay: RelayProcess | undefined;
let browser: Browser;
let a: Page;
let b: Page;

const shot = (p: Page, name: string) => p.screenshot({ path: screenshotPath(name) });
async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

async function pair(p: Page, n: number): Promise<void> {
  const code = await demoPairingCode(relay!.url, n);
  await p.goto(`http://127.0.0.1:${port}/register/#pair=${code}`);
  await p.getByTestId("till").waitFor({ timeout: 30_000 });
  await p.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-new-item-"));
  dataDir = join(root, "relay");
  port = await freePort();
  relay = await startRelayProcess({ dataDir, port });
  browser = await launchChromium();
  a = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-US" })).newPage();
  b = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "pl-PL" })).newPage();
  await pair(a, 1);
  await pair(b, 2);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

test("O12 RL53 an item created online from register A is on both registers' grids and sells; offline New item is disabled with the reason", async () => {
  await a.getByTestId("menu").click();
  await a.getByTestId("menu-new-item").click();
  const dialog = a.getByTestId("new-item-dialog");
  await dialog.waitFor();
  // Nothing typed: the register says what is missing, nothing is sent.
  await a.getByTestId("new-item-create").click();
  expect(await a.getByTestId("new-item-error").getAttribute("data-code")).toBe("ITEM_NAME_EMPTY");
  await a.getByTestId("new-item-name").fill("Cheesecake");
  await a.getByTestId("new-item-price").fill("12,50");
  await a.locator('[data-testid="new-item-category"][data-category="bakery"]').click();
  await shot(a, "register-new-item-dialog");
  await a.getByTestId("new-item-create").click();
  await dialog.waitFor({ state: "detached", timeout: 15_000 });
  await expect.poll(() => text(a.getByTestId("toast")), { timeout: 15_000 }).toContain("Item Cheesecake created");

  // Both grids show it (register B in Polish), in its category, and it sells.
  for (const p of [a, b]) {
    const tile = p.locator('[data-testid="item-tile"]', { hasText: "Cheesecake" });
    await tile.waitFor({ timeout: 30_000 });
    expect(await text(tile)).toMatch(/12,50/);
  }
  await b.locator('[data-testid="category-tab"][data-category="bakery"]').click();
  await b.locator('[data-testid="item-tile"]', { hasText: "Cheesecake" }).click();
  await b.getByTestId("charge").click();
  await b.getByTestId("pay-cash").click();
  await b.getByTestId("sale-done").waitFor();
  await b.getByTestId("new-sale").click();
  await shot(a, "register-new-item-on-grid");

  // Offline: the entry is disabled and says why.
  await relay!.stop();
  relay = undefined;
  await expect.poll(() => a.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
  await a.getByTestId("menu").click();
  expect(await a.getByTestId("menu-new-item").isDisabled()).toBe(true);
  expect(await text(a.getByTestId("menu-new-item-reason"))).toBe("Creating items needs a connection");
  await shot(a, "register-new-item-offline");
  await b.getByTestId("menu").click();
  await expect.poll(() => text(b.getByTestId("menu-new-item-reason")), { timeout: 30_000 }).toBe("Tworzenie produktów wymaga połączenia");
});
