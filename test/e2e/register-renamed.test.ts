import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { openRegisterPage, type RegisterPageEnv } from "../support/register-page.js";

// RL40 on the register: a register renamed in the back office shows its new name (the store
// document's registers entry) at its next sync, without being paired again.

let env: RegisterPageEnv;
let page: Page;

beforeAll(async () => {
  env = await openRegisterPage({ name: "renamed", pair: false });
  page = env.page;
});

afterAll(() => env?.close());

test("RL40 the register's top bar shows the name the back office gave it, with no re-pairing", async () => {
  const code = await demoPairingCode(env.relay.url, 1);
  await page.goto(env.url(`/register/#pair=${code}`));
  await page.getByTestId("till").waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");
  const before = await page.getByTestId("register-name").textContent();
  expect(before).toMatch(/^Register 1/);

  const login = await fetch(`${env.relay.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "owner@demo.kasa", password: "kasa-demo" }) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const owner = (path: string, init: RequestInit = {}) => fetch(`${env.relay.url}/api${path}`, { ...init, headers: { cookie, "content-type": "application/json" } });
  const { stores } = (await (await owner("/me")).json()) as { stores: { storeId: string }[] };
  const storeId = stores[0]!.storeId;
  const { registers } = (await (await owner(`/stores/${storeId}/registers`)).json()) as { registers: { registerId: string; number: number }[] };
  const registerId = registers.find((r) => r.number === 1)!.registerId;
  const renamed = await owner(`/stores/${storeId}/registers/${registerId}`, { method: "PATCH", body: JSON.stringify({ name: "Front counter" }) });
  expect(renamed.status).toBe(200);

  await expect.poll(() => page.getByTestId("register-name").textContent(), { timeout: 15_000 }).toBe("Register 1 · Front counter");
  await page.screenshot({ path: screenshotPath("register-renamed-top-bar") });
});
