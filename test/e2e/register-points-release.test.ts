import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";

// Relay RL52 / sync S20 in the register UI: points redeemed on a ticket that is then cleared, or
// whose customer is taken off, go back to the customer — at once online; offline the register says
// the relay will give them back by itself, and it does (the relay here runs with a 1 ms
// pointsRedemptionTtlMs after the outage, so the next projection releases them).
// Screenshots: register-points-release-*.png.

let root: string;
let dataDir: string;
let port: number;
let relay: RelayProcess | undefined;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: screenshotPath(name) });
const tile = (id: string) => page.locator(`[data-testid="item-tile"][data-item-id="${id}"]`);
const syncState = () => page.getByTestId("sync-state").getAttribute("data-state");
async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-points-release-"));
  dataDir = join(root, "relay");
  port = await freePort();
  relay = await startRelayProcess({ dataDir, port });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-US" })).newPage();
  const code = await demoPairingCode(relay.url, 1);
  await page.goto(`http://127.0.0.1:${port}/register/#pair=${code}`);
  await page.getByTestId("till").waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

/** Attaches the customer found by `query` once the dialog shows `points` for them. */
async function attach(query: string, points: string): Promise<void> {
  await page.getByTestId("ticket-customer").click();
  await page.getByTestId("customer-search").fill(query);
  const row = page.getByTestId("customer-row");
  await expect.poll(() => text(row.getByTestId("customer-points")), { timeout: 30_000 }).toBe(`${points} points`);
  await row.getByTestId("customer-attach").click();
  await page.getByTestId("customer-dialog").waitFor({ state: "detached" });
}

/** Three cappuccinos, to the charge screen, redeem `points`, back to the ticket. */
async function redeemOnTicket(points: string): Promise<void> {
  for (let i = 0; i < 3; i++) await tile("cappuccino").click();
  await page.getByTestId("charge").click();
  await page.getByTestId("points-panel").waitFor();
  await page.getByTestId("points-input").fill(points);
  await page.getByTestId("points-redeem").click();
  await page.getByTestId("points-redeemed").waitFor({ timeout: 15_000 });
  await page.getByTestId("charge-back").click();
  await page.getByTestId("ticket-points-row").waitFor();
}

test("RL52 S20 points redeemed on a cleared ticket come back at once online; taken off offline, the relay gives them back by itself", async () => {
  // A customer with 45 points (5 espressos, 45.00 zł, 1 %).
  await page.getByTestId("ticket-customer").click();
  await page.getByTestId("customer-new").click();
  await page.getByTestId("customer-name").fill("Ola Zwrot");
  await page.getByTestId("customer-email").fill("ola.zwrot@example.com");
  await page.getByTestId("customer-save").click();
  await page.getByTestId("customer-dialog").waitFor({ state: "detached" });
  await expect.poll(() => text(page.getByTestId("ticket-customer-name")), { timeout: 15_000 }).toBe("Ola Zwrot");
  for (let i = 0; i < 5; i++) await tile("espresso").click();
  await page.getByTestId("charge").click();
  await page.getByTestId("pay-cash").click();
  await page.getByTestId("sale-done").waitFor();
  await page.getByTestId("new-sale").click();

  // Online: 30 redeemed, then the cashier clears the ticket — the 30 points are back right away.
  await attach("zwrot", "45");
  await redeemOnTicket("30");
  await expect.poll(() => text(page.getByTestId("ticket-customer-points")), { timeout: 15_000 }).toBe("15 pts");
  await page.getByTestId("ticket-clear").click();
  const toast = page.getByTestId("toast");
  await expect.poll(() => text(toast), { timeout: 15_000 }).toBe("30 points given back to the customer");
  expect(await toast.getAttribute("data-tone")).toBe("success");
  expect(await page.getByTestId("ticket-points-row").count()).toBe(0);
  await shot("register-points-release-cleared");
  await attach("zwrot", "45");

  // 40 redeemed, then offline the customer is taken off: the points come off the ticket and the
  // register says they will come back by themselves.
  await redeemOnTicket("40");
  await relay!.stop();
  relay = undefined;
  await expect.poll(syncState, { timeout: 30_000 }).not.toBe("connected");
  await page.getByTestId("ticket-customer").click();
  await page.getByTestId("customer-detach").click();
  await page.getByTestId("customer-dialog").waitFor({ state: "detached" });
  await expect.poll(() => text(toast), { timeout: 15_000 }).toContain("40 redeemed points will go back to the customer automatically");
  expect(await text(toast)).toContain("No connection to the relay now");
  expect(await page.getByTestId("ticket-points-row").count()).toBe(0);
  expect(await page.getByTestId("ticket-customer-name").count()).toBe(0);
  await shot("register-points-release-offline");

  // The relay back, with the redemption long expired: the next sale's projection releases it.
  relay = await startRelayProcess({ dataDir, port, env: { KASA_POINTS_REDEMPTION_TTL_MS: "1" } });
  await expect.poll(syncState, { timeout: 30_000 }).toBe("connected");
  await page.getByTestId("charge").click();
  await page.getByTestId("pay-cash").click();
  await page.getByTestId("sale-done").waitFor();
  await page.getByTestId("new-sale").click();
  await attach("zwrot", "45");
  await shot("register-points-release-back");
});
