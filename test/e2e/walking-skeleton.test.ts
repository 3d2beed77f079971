import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { openRegisterPage, type RegisterPageEnv } from "../support/register-page.js";

// The whole path in a real browser: a register in Chromium (IndexedDB, service worker) sells while
// the relay process is stopped, reloads offline, and syncs when the relay is back; the back office
// shows the receipt. Screenshots go to test-results/screenshots/ for people to look at.

let env: RegisterPageEnv;
let register: Page;

beforeAll(async () => {
  env = await openRegisterPage({ pair: false });
  register = env.page;
});

afterAll(() => env?.close());

const syncState = (page: Page) => page.getByTestId("sync-state");

/** Sells one plain item (no variants or modifiers in the demo catalog) for the exact amount in cash. */
async function sellOne(page: Page, itemId = "espresso"): Promise<string> {
  await page.locator(`[data-testid="item-tile"][data-item-id="${itemId}"]`).click();
  await page.getByTestId("charge").click();
  await page.getByTestId("pay-cash").click();
  const done = page.getByTestId("sale-done");
  await done.waitFor();
  const number = /\d+-\d+/.exec((await done.textContent()) ?? "")?.[0];
  if (!number) throw new Error("no receipt number on the done screen");
  await page.getByTestId("new-sale").click();
  return number;
}

describe("walking skeleton in Chromium", () => {
  let offlineNumber = "";

  test("a register pairs and shows the till, online", async () => {
    const code = await demoPairingCode(env.relay.url, 1);
    await register.goto(env.url(`/register/#pair=${code}`));
    await register.getByTestId("till").waitFor({ timeout: 30_000 });
    await expect.poll(() => syncState(register).getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");
    // Let the service worker take control so that the app reloads without the relay later.
    await register.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await register.screenshot({ path: screenshotPath("register-till-online") });
  });

  test("O1 O2 with the relay stopped, a sale completes and is marked Unsynced", async () => {
    await env.stopRelay();
    await expect.poll(() => syncState(register).getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
    offlineNumber = await sellOne(register);
    await expect.poll(() => syncState(register).getAttribute("data-unsynced")).toBe("1");
    await register.getByTestId("tab-receipts").click();
    const row = register.locator(`[data-testid="receipt-row"][data-number="${offlineNumber}"]`);
    await expect.poll(() => row.getAttribute("data-synced")).toBe("false");
    expect(await row.textContent()).toContain("Unsynced");
    await register.screenshot({ path: screenshotPath("register-receipts-unsynced") });
  });

  test("reloaded with the relay stopped, the register still shows the till and its receipts", async () => {
    await register.reload();
    await register.getByTestId("till").waitFor({ timeout: 30_000 });
    await register.getByTestId("tab-receipts").click();
    const row = register.locator(`[data-testid="receipt-row"][data-number="${offlineNumber}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-synced")).toBe("false");
    await register.screenshot({ path: screenshotPath("register-reloaded-offline") });
  });

  test("O4 when the relay starts, the receipt turns Synced and the back office shows it", async () => {
    await env.startRelay();
    await register.getByTestId("tab-receipts").click();
    const row = register.locator(`[data-testid="receipt-row"][data-number="${offlineNumber}"]`);
    await expect.poll(() => row.getAttribute("data-synced"), { timeout: 30_000 }).toBe("true");
    await expect.poll(() => syncState(register).getAttribute("data-unsynced")).toBe("0");
    await register.screenshot({ path: screenshotPath("register-receipts-synced") });

    const bo = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await bo.newPage();
    await page.goto(env.url("/back-office/"));
    await page.getByTestId("login-email").fill("owner@demo.kasa");
    await page.getByTestId("login-password").fill("kasa-demo");
    await page.getByTestId("login-submit").click();
    const boRow = page.locator(`[data-testid="receipt-row"][data-number="${offlineNumber}"]`);
    await boRow.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("back-office-receipts") });

    // Live: a sale made online now appears without a reload.
    await register.getByTestId("tab-till").click();
    const onlineNumber = await sellOne(register, "croissant");
    await page.locator(`[data-testid="receipt-row"][data-number="${onlineNumber}"]`).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath("back-office-receipts-live") });
    await bo.close();
  });
});
