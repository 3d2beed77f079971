import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { openRegisterPage, type RegisterPageEnv } from "../support/register-page.js";

// O11: stock comes live from the relay. Online, a tracked item shows its stock and selling above
// it warns (the cashier may continue); offline neither is shown. The demo store tracks 3 sourdough loaves.

let env: RegisterPageEnv;
let page: Page;

beforeAll(async () => {
  env = await openRegisterPage({ name: "stock", pair: false });
  page = env.page;
});

afterAll(() => env?.close());

const tile = () => page.locator('[data-testid="item-tile"][data-item-id="sourdough"]');

test("O11 online: stock on the tile and a warning above stock that lets the cashier continue; offline: neither", async () => {
  const code = await demoPairingCode(env.relay.url, 1);
  await page.goto(env.url(`/register/#pair=${code}`));
  await page.getByTestId("till").waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");

  const stock = tile().getByTestId("item-stock");
  await stock.waitFor({ timeout: 15_000 });
  expect(await stock.textContent()).toContain("3");
  for (let i = 0; i < 4; i++) await tile().click();
  const warning = page.locator('[data-testid="stock-warning"][data-item-id="sourdough"]');
  await warning.waitFor({ timeout: 10_000 });
  expect(await page.getByTestId("charge").isEnabled()).toBe(true);
  await page.screenshot({ path: screenshotPath("register-stock-warning") });

  await env.stopRelay();
  await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
  await expect.poll(() => stock.count(), { timeout: 10_000 }).toBe(0);
  expect(await warning.count()).toBe(0);
  await page.screenshot({ path: screenshotPath("register-stock-offline") });
});
