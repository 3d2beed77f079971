import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";

// O7 / D30 in the register UI: loyalty points are redeemed on the charge screen, online only
// (disabled offline with the reason); more than the balance is refused by the relay with its code;
// the redeemed points are an amount discount, and a ticket saved with them (and its customer)
// reopens with both (TK5). Screenshots: register-points-*.png.

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
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-points-"));
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

test("O7 D30 TK5 points: earned, redeem refused offline and beyond the balance, redeemed online as a discount, kept on a saved ticket", async () => {
  // A new customer buys 5 espressos (45.00 zł): 1 % → 45 points once the relay has the sale.
  await page.getByTestId("ticket-customer").click();
  await page.getByTestId("customer-dialog").waitFor();
  await page.getByTestId("customer-new").click();
  await page.getByTestId("customer-name").fill("Piotr Punkt");
  await page.getByTestId("customer-email").fill("piotr.punkt@example.com");
  await page.getByTestId("customer-save").click();
  await page.getByTestId("customer-dialog").waitFor({ state: "detached" });
  await expect.poll(() => text(page.getByTestId("ticket-customer-name")), { timeout: 15_000 }).toBe("Piotr Punkt");
  for (let i = 0; i < 5; i++) await tile("espresso").click();
  await page.getByTestId("charge").click();
  // No points yet: no redeem control.
  expect(await page.getByTestId("points-panel").count()).toBe(0);
  await page.getByTestId("pay-cash").click();
  await page.getByTestId("sale-done").waitFor();
  await page.getByTestId("new-sale").click();

  // Next visit: 3 cappuccinos (39.00 zł) with the same customer, once the 45 points arrived.
  await page.getByTestId("ticket-customer").click();
  await page.getByTestId("customer-search").fill("punkt");
  const row = page.getByTestId("customer-row");
  await expect.poll(() => text(row.getByTestId("customer-points")), { timeout: 30_000 }).toContain("45");
  await row.getByTestId("customer-attach").click();
  for (let i = 0; i < 3; i++) await tile("cappuccino").click();
  await page.getByTestId("charge").click();
  const panel = page.getByTestId("points-panel");
  await panel.waitFor();
  expect(await page.getByTestId("points-balance").getAttribute("data-points")).toBe("45");
  expect(await page.getByTestId("points-input").inputValue()).toBe("45");

  // Offline: the control is disabled and says why.
  await relay!.stop();
  relay = undefined;
  await expect.poll(syncState, { timeout: 30_000 }).not.toBe("connected");
  expect(await page.getByTestId("points-redeem").isDisabled()).toBe(true);
  expect(await text(page.getByTestId("points-reason"))).toBe("Redeeming points needs a connection");
  await shot("register-points-offline");

  relay = await startRelayProcess({ dataDir, port });
  await expect.poll(syncState, { timeout: 30_000 }).toBe("connected");
  await expect.poll(() => page.getByTestId("points-redeem").isEnabled(), { timeout: 10_000 }).toBe(true);

  // More than the balance: the relay refuses with its code, nothing changes.
  await page.getByTestId("points-input").fill("100");
  await page.getByTestId("points-redeem").click();
  const error = page.getByTestId("points-error");
  await error.waitFor({ timeout: 15_000 });
  expect(await error.getAttribute("data-code")).toBe("INSUFFICIENT_POINTS");
  expect(await text(error)).toContain("The customer does not have that many points");
  expect(await text(page.getByTestId("charge-total"))).toMatch(/39[,.]00/);
  await shot("register-points-refused");

  // 30 points: 0.30 zł off, the amount due and the prefilled cash follow.
  await page.getByTestId("points-input").fill("30");
  await page.getByTestId("points-redeem").click();
  await page.getByTestId("points-redeemed").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("points-redeemed").getAttribute("data-points")).toBe("30");
  expect(await text(page.getByTestId("charge-total"))).toMatch(/38[,.]70/);
  expect(await text(page.locator('[data-testid="charge-discount"][data-discount-id="points"]'))).toContain("Loyalty points");
  expect(await page.getByTestId("cash-received").inputValue()).toMatch(/38[,.]70/);
  await expect.poll(() => page.getByTestId("points-balance").getAttribute("data-points"), { timeout: 15_000 }).toBe("15");
  await shot("register-points-redeemed");

  // Saved as an open ticket and reopened: the customer and the redeemed points are still on it (TK5).
  await page.getByTestId("charge-back").click();
  await page.getByTestId("ticket-save").click();
  await page.getByTestId("save-ticket-dialog").waitFor();
  await page.getByTestId("ticket-name").fill("Piotr");
  await page.getByTestId("save-ticket-confirm").click();
  await expect.poll(() => page.getByTestId("ticket-line").count()).toBe(0);
  await page.getByTestId("tab-tickets").click();
  await page.locator('[data-testid="open-ticket"][data-name="Piotr"]').getByTestId("open-ticket-open").click();
  await page.getByTestId("open-ticket-name").waitFor();
  await expect.poll(() => text(page.getByTestId("ticket-customer-name"))).toBe("Piotr Punkt");
  expect(await page.getByTestId("ticket-points-row").getAttribute("data-points")).toBe("30");
  await shot("register-points-reopened-ticket");
  await page.getByTestId("charge").click();
  expect(await text(page.getByTestId("charge-total"))).toMatch(/38[,.]70/);
  await page.getByTestId("pay-cash").click();
  const done = page.getByTestId("sale-done");
  await done.waitFor();
  // 15 left + 1 % of 38.70 zł.
  await page.getByTestId("new-sale").click();
  await page.getByTestId("ticket-customer").click();
  await page.getByTestId("customer-search").fill("punkt");
  await expect.poll(() => text(page.getByTestId("customer-row").getByTestId("customer-points")), { timeout: 30_000 }).toContain("53");
});
