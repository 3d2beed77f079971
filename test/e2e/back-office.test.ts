import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ItemId, SaleCompleted } from "@kasa/domain";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";

// The back office against a relay process, with a Node register selling: dashboard numbers, live
// receipts, cancelling a receipt, shifts, the e-mail outbox (files mode: no SMTP configured), settings.

let root: string;
let port: number;
let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let till: NodeRegister;
let deviceId = "";
const sold: SaleCompleted[] = [];

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

async function sell(): Promise<SaleCompleted> {
  const item = Object.values(till.session.snapshot.store.catalog.items).find((i) => i.soldBy === "each" && !i.variants?.length)!;
  const r = await till.session.sell({ lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: item.price + 1000 }] });
  if (!r.ok) throw new Error(r.error.message);
  sold.push(r.value);
  return r.value;
}

const synced = () => till.waitFor((s) => s.unsyncedCount === 0 && s.connection.state === "connected", 30_000);
const kpi = (key: string) => page.getByTestId(`kpi-${key}`).getAttribute("data-value");
const netOf = (sales: SaleCompleted[]) => sales.reduce((n, s) => n + s.payload.receipt.subtotal - (s.payload.receipt.discountTotal ?? 0), 0);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-bo-"));
  port = await freePort();
  relay = await startRelayProcess({ dataDir: join(root, "relay"), port });
  const paired = await pairDemoRegister(relay.url, 1);
  deviceId = paired.deviceId;
  till = await openNodeRegister(join(root, "till"), paired, relay.url);
  await till.waitFor((s) => s.connection.state === "connected");
  const opened = await till.session.openShift(10_000);
  if (!opened.ok) throw new Error(opened.error.message);
  for (let i = 0; i < 3; i++) await sell();
  const moved = await till.session.moveCash("in", 500, "change");
  if (!moved.ok) throw new Error(moved.error.message);
  const mail = await till.session.emailReceipt(sold[0]!.id, "guest@example.com");
  if (!mail.ok) throw new Error(mail.error.message);
  await synced();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await till?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("back office in Chromium", () => {
  test("sign in; the dashboard shows what was sold, with a chart", async () => {
    await page.goto(url("/back-office/"));
    await page.getByTestId("login-email").fill("owner@demo.kasa");
    await page.getByTestId("login-password").fill("kasa-demo");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("nav-dashboard").click();
    await expect.poll(() => kpi("receipts"), { timeout: 15_000 }).toBe("3");
    expect(await kpi("netSales")).toBe(String(netOf(sold)));
    expect(await kpi("grossSales")).toBe(String(sold.reduce((n, s) => n + s.payload.receipt.subtotal, 0)));
    expect(await page.getByTestId("dashboard-chart").isVisible()).toBe(true);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath("back-office-dashboard"), fullPage: true });
    await page.getByTestId("period-week").click();
    await expect.poll(() => kpi("receipts")).toBe("3");
    await page.screenshot({ path: screenshotPath("back-office-dashboard-week"), fullPage: true });
  });

  test("a new sale appears live: in the receipts list within a second of syncing, and on the dashboard", async () => {
    await page.getByTestId("nav-receipts").click();
    await page.locator(`[data-testid="receipt-row"][data-number="${sold[0]!.payload.receipt.number}"]`).waitFor({ timeout: 15_000 });
    const sale = await sell();
    await synced();
    const started = Date.now();
    await page.locator(`[data-testid="receipt-row"][data-number="${sale.payload.receipt.number}"]`).waitFor({ timeout: 1_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    await page.screenshot({ path: screenshotPath("back-office-live-receipts"), fullPage: true });
    await page.getByTestId("nav-dashboard").click();
    await expect.poll(() => kpi("receipts"), { timeout: 5_000 }).toBe("4");
    expect(await kpi("netSales")).toBe(String(netOf(sold)));
  });

  test("sales by item, category and payment type", async () => {
    await page.getByTestId("nav-sales").click();
    await page.getByTestId("sales-items").waitFor();
    expect(await page.getByTestId("sales-items").textContent()).toContain(sold[0]!.payload.receipt.lines[0]!.name);
    await page.screenshot({ path: screenshotPath("back-office-sales-items"), fullPage: true });
    await page.getByTestId("sales-tab-categories").click();
    await page.getByTestId("sales-categories").waitFor();
    await page.screenshot({ path: screenshotPath("back-office-sales-categories"), fullPage: true });
    await page.getByTestId("sales-tab-payments").click();
    await page.getByTestId("sales-payments").waitFor();
    expect(await page.getByTestId("sales-payments").textContent()).toContain("Cash");
    await page.screenshot({ path: screenshotPath("back-office-sales-payments"), fullPage: true });
  });

  test("cancel a receipt (with confirm): it is marked cancelled and left out of the dashboard", async () => {
    await page.getByTestId("nav-history").click();
    const victim = sold[1]!;
    const row = page.locator(`[data-testid="history-row"][data-number="${victim.payload.receipt.number}"]`);
    await row.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath("back-office-history"), fullPage: true });
    await row.click();
    await page.getByTestId("cancel-receipt").click();
    await page.screenshot({ path: screenshotPath("back-office-history-cancel-confirm"), fullPage: true });
    await page.getByTestId("cancel-confirm").click();
    await page.getByTestId("detail-cancelled").waitFor();
    await page.screenshot({ path: screenshotPath("back-office-history-cancelled"), fullPage: true });
    await page.getByTestId("nav-dashboard").click();
    const remaining = sold.filter((s) => s.id !== victim.id);
    await expect.poll(() => kpi("receipts"), { timeout: 5_000 }).toBe(String(remaining.length));
    expect(await kpi("netSales")).toBe(String(netOf(remaining)));
  });

  test("shifts list with the shift's report", async () => {
    await page.getByTestId("nav-shifts").click();
    await page.getByTestId("shift-row").first().click();
    await page.getByTestId("shift-report").waitFor();
    expect(await page.getByTestId("shift-report").textContent()).toContain("Paid in");
    await page.screenshot({ path: screenshotPath("back-office-shifts"), fullPage: true });
  });

  test("the outbox shows the e-mail receipt sent", async () => {
    await page.getByTestId("nav-outbox").click();
    const row = page.getByTestId("outbox-row").first();
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 15_000 }).toBe("sent");
    await page.screenshot({ path: screenshotPath("back-office-outbox"), fullPage: true });
  });

  test("store settings, read-only", async () => {
    await page.getByTestId("nav-settings").click();
    await page.getByTestId("settings").waitFor();
    expect(await page.getByTestId("settings").textContent()).toContain("Europe/Warsaw");
    await page.screenshot({ path: screenshotPath("back-office-settings"), fullPage: true });
  });

  test("editing settings and items reaches the online register within a second", async () => {
    await page.getByTestId("settings-edit").click();
    await page.getByTestId("edit-ticketNames").fill("Table 1, Table 2, Terrace");
    await page.screenshot({ path: screenshotPath("back-office-settings-edit"), fullPage: true });
    await page.getByTestId("settings-save").click();
    await page.getByTestId("settings-saved").waitFor();
    await till.waitFor((s) => (s.store.settings.ticketNames ?? []).join("|") === "Table 1|Table 2|Terrace", 2_000);

    await page.getByTestId("nav-items").click();
    await page.getByTestId("items-table").waitFor();
    await page.getByTestId("item-add").click();
    await page.getByTestId("item-name").fill("Lemonade");
    await page.getByTestId("item-price").fill("9.50");
    await page.getByTestId("item-save").click();
    await page.locator('[data-testid="item-row"][data-item="lemonade"]').waitFor();
    await till.waitFor((s) => s.store.catalog.items["lemonade"]?.price === 950, 2_000);
    await page.screenshot({ path: screenshotPath("back-office-items"), fullPage: true });
  });

  test("POS devices: revoking the till's device disconnects it at once", async () => {
    await page.getByTestId("nav-devices").click();
    const device = page.locator(`[data-testid="paired-device"][data-device-id="${deviceId}"]`);
    await device.waitFor({ timeout: 10_000 });
    await device.getByTestId("revoke-device").click();
    await page.screenshot({ path: screenshotPath("back-office-devices-revoke-confirm"), fullPage: true });
    await device.getByTestId("revoke-confirm").click();
    await expect.poll(() => device.getAttribute("data-revoked"), { timeout: 5_000 }).toBe("true");
    await till.waitFor((s) => s.connection.state !== "connected", 5_000);
    await page.screenshot({ path: screenshotPath("back-office-devices"), fullPage: true });
  });

  test("in a Polish browser the report pages are in Polish", async () => {
    const plContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "pl-PL" });
    const pl = await plContext.newPage();
    await pl.goto(url("/back-office/#/dashboard"));
    await pl.getByTestId("login-email").fill("owner@demo.kasa");
    await pl.getByTestId("login-password").fill("kasa-demo");
    await pl.getByTestId("login-submit").click();
    await pl.getByTestId("nav-dashboard").click();
    await expect.poll(() => pl.getByTestId("kpi-receipts").getAttribute("data-value"), { timeout: 15_000 }).toBe(String(sold.length - 1));
    expect(await pl.getByTestId("dashboard-kpis").textContent()).toContain("Sprzedaż netto");
    await pl.waitForTimeout(300);
    await pl.screenshot({ path: screenshotPath("back-office-dashboard-pl"), fullPage: true });
    // The live receipts page and its receipt panel too.
    await pl.getByTestId("nav-receipts").click();
    await pl.getByTestId("receipt-row").first().waitFor({ timeout: 15_000 });
    expect(await pl.getByTestId("receipts-table").textContent()).toContain("Nr paragonu");
    expect(await pl.getByTestId("today-summary").textContent()).toContain("Średni paragon");
    await pl.screenshot({ path: screenshotPath("back-office-live-receipts-pl"), fullPage: true });
    await pl.getByTestId("receipt-row").first().click();
    await pl.getByTestId("receipt-detail-total").waitFor({ timeout: 15_000 });
    expect(await pl.getByTestId("receipt-detail").textContent()).toContain("Przebieg");
    await pl.waitForTimeout(300);
    await pl.screenshot({ path: screenshotPath("back-office-receipt-detail-pl"), fullPage: true });
    await plContext.close();
  });
});
