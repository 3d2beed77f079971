import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ItemId } from "@kasa/domain";
import type { PairedRegister } from "@kasa/sync";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";

// The back office's management pages against a relay process with a Node register: customers with
// points, the catalog lists (categories, taxes, discounts, payment types, ticket names) reaching the
// register, and POS devices (rename, status report, the unsynced-data warning). 1280×800 screenshots.

let root: string;
let port: number;
let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let till: NodeRegister;
let paired: PairedRegister;
let spare: PairedRegister;

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const shot = async (name: string, p: Page = page) => {
  await p.waitForTimeout(150);
  await p.screenshot({ path: screenshotPath(name) });
};

/** What a register would send (POST /api/device/status); the register session does not call it yet. */
async function reportStatus(device: PairedRegister, unsyncedEvents: number, skewMs: number): Promise<void> {
  const res = await fetch(url("/api/device/status"), {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify({ unsyncedEvents, deviceTime: Date.now() + skewMs }),
  });
  if (res.status !== 200) throw new Error(`status report refused: ${res.status} ${await res.text()}`);
}

async function signIn(p: Page): Promise<void> {
  await p.goto(url("/back-office/"));
  await p.getByTestId("login-email").fill("owner@demo.kasa");
  await p.getByTestId("login-password").fill("kasa-demo");
  await p.getByTestId("login-submit").click();
  await p.getByTestId("nav-customers").waitFor();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-bo-mgmt-"));
  port = await freePort();
  relay = await startRelayProcess({ dataDir: join(root, "relay"), port });
  paired = await pairDemoRegister(relay.url, 1);
  spare = await pairDemoRegister(relay.url, 2);
  till = await openNodeRegister(join(root, "till"), paired, relay.url);
  await till.waitFor((s) => s.connection.state === "connected");
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await till?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("back office management in Chromium", () => {
  test("RL41 RL42 RL43 customers: add, find, a duplicate e-mail is refused, points earned at the till show with their history", async () => {
    await page.getByTestId("nav-customers").click();
    await page.getByText("No customers yet").waitFor();
    await page.getByTestId("customer-add").click();
    await page.getByTestId("customer-name").fill("Anna Nowak");
    await page.getByTestId("customer-email").fill("anna@example.com");
    await page.getByTestId("customer-phone").fill("+48 600 100 200");
    await page.getByTestId("customer-code").fill("vip-1");
    await page.getByTestId("customer-save").click();
    await page.getByTestId("customer-detail").waitFor();
    for (const [name, email] of [
      ["Jan Kowalski", "jan@example.com"],
      ["Ewa Wiśniewska", "ewa@example.com"],
    ]) {
      await page.getByTestId("customer-add").click();
      await page.getByTestId("customer-name").fill(name!);
      await page.getByTestId("customer-email").fill(email!);
      await page.getByTestId("customer-save").click();
      await page.locator(`[data-testid="customer-detail"]`, { hasText: name! }).waitFor();
    }
    expect(await page.getByTestId("customer-row").count()).toBe(3);

    // A sale at the till with Anna attached earns her points; the register found her offline-readable list.
    await till.waitFor((s) => s.customers.some((c) => c.email === "anna@example.com"), 5_000);
    const anna = till.session.snapshot.customers.find((c) => c.email === "anna@example.com")!;
    const sale = await till.session.sell({ lines: [{ itemId: "cappuccino" as ItemId, quantityMilli: 3000 }], payments: [{ type: "cash", received: 10_000 }], customerId: anna.customerId });
    if (!sale.ok) throw new Error(sale.error.message);
    await till.waitFor((s) => s.unsyncedCount === 0, 30_000);
    const earned = sale.value.payload.receipt.pointsEarned ?? 0;
    expect(earned).toBeGreaterThan(0);

    await page.getByTestId("customer-search").fill("nowak");
    await expect.poll(() => page.getByTestId("customer-row").count()).toBe(1);
    await page.getByTestId("customer-row").first().click();
    await expect.poll(() => page.getByTestId("customer-balance").textContent(), { timeout: 10_000 }).toBe(String(earned));
    expect(await page.getByTestId("points-entry").count()).toBe(1);
    expect(await page.getByTestId("points-history").textContent()).toContain(sale.value.payload.receipt.number);
    await page.getByTestId("customer-search").fill("");
    await expect.poll(() => page.getByTestId("customer-row").count()).toBe(3);
    await shot("back-office-customers");

    await page.getByTestId("customer-add").click();
    await page.getByTestId("customer-name").fill("Anna Copy");
    await page.getByTestId("customer-email").fill("ANNA@example.com");
    await page.getByTestId("customer-save").click();
    await page.getByTestId("customer-error").waitFor();
    expect(await page.getByTestId("customer-error").textContent()).toContain("already has this e-mail");
    await shot("back-office-customers-duplicate");
    expect(await page.getByTestId("customer-row").count()).toBe(3);
  });

  test("RL44 categories, taxes, discounts and payment types: add and edit reach the register; delete with confirm; refusals explained", async () => {
    await page.getByTestId("nav-categories").click();
    await page.getByTestId("catalog-table").waitFor();
    await page.getByTestId("catalog-add").click();
    await page.getByTestId("catalog-field-name").fill("Soups");
    await page.getByTestId("catalog-save").click();
    await page.locator('[data-testid="catalog-row"][data-id="soups"]').waitFor();
    await till.waitFor((s) => s.store.catalog.categories["soups"]?.name === "Soups", 2_000);
    await shot("back-office-categories");
    // Coffee still has items: deleting it is refused with the reason.
    await page.locator('[data-testid="catalog-row"][data-id="coffee"]').getByTestId("catalog-delete").click();
    await page.locator('[data-testid="catalog-row"][data-id="coffee"]').getByTestId("catalog-delete-confirm").click();
    await page.getByTestId("catalog-error").waitFor();
    expect(await page.getByTestId("catalog-error").textContent()).toContain("Items still use");
    await shot("back-office-categories-in-use");

    await page.getByTestId("nav-taxes").click();
    await page.getByTestId("catalog-table").waitFor();
    await page.getByTestId("catalog-add").click();
    await page.getByTestId("catalog-field-name").fill("VAT 0%");
    await page.getByTestId("catalog-field-rate").fill("150");
    await page.getByTestId("catalog-save").click();
    await page.getByTestId("catalog-form-error").waitFor();
    await page.getByTestId("catalog-field-rate").fill("0");
    await page.getByTestId("catalog-save").click();
    await page.locator('[data-testid="catalog-row"][data-id="vat-0"]').waitFor();
    await till.waitFor((s) => s.store.catalog.taxes["vat-0"]?.rateMilliPercent === 0, 2_000);
    await shot("back-office-taxes");

    await page.getByTestId("nav-discounts").click();
    await page.getByTestId("catalog-table").waitFor();
    await page.getByTestId("catalog-add").click();
    await page.getByTestId("catalog-field-name").fill("Student");
    await page.getByTestId("catalog-field-value").fill("15");
    await page.getByTestId("catalog-save").click();
    await page.locator('[data-testid="catalog-row"][data-id="student"]').waitFor();
    await page.locator('[data-testid="catalog-row"][data-id="student"]').getByTestId("catalog-edit").click();
    await page.getByTestId("catalog-field-value").fill("12,5");
    await page.getByTestId("catalog-save").click();
    await till.waitFor((s) => s.store.catalog.discounts?.["student"]?.value === 12_500, 2_000);
    await shot("back-office-discounts");

    await page.getByTestId("nav-payment-types").click();
    await page.getByTestId("catalog-table").waitFor();
    await page.getByTestId("catalog-add").click();
    await page.getByTestId("catalog-field-name").fill("Bank transfer");
    await page.getByTestId("catalog-save").click();
    await page.locator('[data-testid="catalog-row"][data-id="bank-transfer"]').waitFor();
    await till.waitFor((s) => s.store.catalog.paymentTypes?.["bank-transfer"]?.kind === "custom", 2_000);
    await page.locator('[data-testid="catalog-row"][data-id="blik"]').getByTestId("catalog-delete").click();
    await shot("back-office-payment-types");
    await page.locator('[data-testid="catalog-row"][data-id="blik"]').getByTestId("catalog-delete-confirm").click();
    await till.waitFor((s) => s.store.catalog.paymentTypes?.["blik"] === undefined, 2_000);
    await expect.poll(() => page.locator('[data-testid="catalog-row"][data-id="blik"]').count()).toBe(0);
  });

  test("ticket names: add, reorder, remove; the register gets the list", async () => {
    await page.getByTestId("nav-ticket-names").click();
    await page.getByTestId("ticket-names").waitFor();
    const initial = [...(till.session.snapshot.store.settings.ticketNames ?? [])];
    const names = () => page.getByTestId("ticket-name").evaluateAll((els) => els.map((e) => e.getAttribute("data-name")).join("|"));
    expect(await names()).toBe(initial.join("|"));
    for (const name of ["Window", "Garden"]) {
      await page.getByTestId("ticket-name-input").fill(name);
      await page.getByTestId("ticket-name-add").click();
      await page.locator(`[data-testid="ticket-name"][data-name="${name}"]`).waitFor();
    }
    await page.getByTestId("ticket-name-input").fill("window");
    await page.getByTestId("ticket-name-add").click();
    await expect.poll(() => page.getByTestId("ticket-names-message").textContent()).toContain("already on the list");
    await page.locator('[data-testid="ticket-name"][data-name="Garden"]').getByLabel("Move up").click();
    const removed = initial[0]!;
    await page.locator(`[data-testid="ticket-name"][data-name="${removed}"]`).getByTestId("ticket-name-remove").click();
    const expected = [...initial.slice(1), "Garden", "Window"].join("|");
    await expect.poll(names).toBe(expected);
    await till.waitFor((s) => (s.store.settings.ticketNames ?? []).join("|") === expected, 2_000);
    await shot("back-office-ticket-names");
  });

  test("RL38 RL39 RL40 POS devices: rename a register, each device's status report, and the warning before deactivating one with unsynced data", async () => {
    await reportStatus(paired, 0, 0);
    await reportStatus(spare, 4, -185_000);
    await page.getByTestId("nav-devices").click();
    const first = page.locator('[data-testid="device-row"][data-register-number="1"]');
    await first.getByTestId("rename-register").click();
    await first.getByTestId("rename-input").fill("Front counter");
    await first.getByTestId("rename-save").click();
    await expect.poll(() => first.getByTestId("register-name").textContent()).toBe("Front counter");
    await till.waitFor((s) => Object.values(s.store.registers).some((r) => r.number === 1 && r.name === "Front counter"), 2_000);

    const spareRow = page.locator(`[data-testid="paired-device"][data-device-id="${spare.deviceId}"]`);
    await expect.poll(() => spareRow.getByTestId("device-report").getAttribute("data-unsynced"), { timeout: 5_000 }).toBe("4");
    expect(await spareRow.getByTestId("device-clock").textContent()).toContain("3 min behind");
    const tillRow = page.locator(`[data-testid="paired-device"][data-device-id="${paired.deviceId}"]`);
    expect(await tillRow.textContent()).toContain("Online now");
    expect(await tillRow.getByTestId("device-clock").textContent()).toContain("Clock in sync");
    await shot("back-office-devices-status");

    await spareRow.getByTestId("revoke-device").click();
    await spareRow.getByTestId("revoke-warning").waitFor();
    expect(await spareRow.getByTestId("revoke-warning").textContent()).toContain("keeps its data until it has synced");
    await shot("back-office-devices-unsynced-warning");
    await spareRow.getByTestId("revoke-confirm").click();
    await expect.poll(() => spareRow.getAttribute("data-revoked"), { timeout: 5_000 }).toBe("true");
  });

  test("on a phone the new pages fit the screen", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto(url("/back-office/#/customers"));
    await p.getByTestId("login-email").fill("owner@demo.kasa");
    await p.getByTestId("login-password").fill("kasa-demo");
    await p.getByTestId("login-submit").click();
    // The customers made by the first test (this one also runs alone, on an empty list).
    await p.locator('[data-testid="customers-table"], .empty').first().waitFor();
    const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // Cards clip what doesn't fit (overflow: hidden), so look inside every shadow root for a card wider than itself.
    const clippedCards = () =>
      p.evaluate(() => {
        const out: string[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll("*")) {
            if (el.classList.contains("card") && el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} ${el.scrollWidth}>${el.clientWidth}`);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return out;
      });
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await clippedCards()).toEqual([]);
    await shot("back-office-customers-phone", p);
    for (const [hash, testId, name] of [
      ["#/discounts", "catalog-table", "back-office-discounts-phone"],
      ["#/ticket-names", "ticket-names", "back-office-ticket-names-phone"],
      ["#/devices", "devices-list", "back-office-devices-phone"],
    ] as const) {
      await p.goto(url(`/back-office/${hash}`));
      await p.getByTestId(testId).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await clippedCards()).toEqual([]);
      await shot(name, p);
    }
    await phone.close();
  });

  test("in a Polish browser the new pages are in Polish", async () => {
    const plContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "pl-PL" });
    const pl = await plContext.newPage();
    await signIn(pl);
    await pl.getByTestId("nav-customers").click();
    await pl.getByTestId("customers-table").waitFor();
    expect(await pl.getByTestId("customer-add").textContent()).toContain("Dodaj klienta");
    await pl.getByTestId("customer-row").first().click();
    await pl.getByTestId("customer-detail").waitFor();
    await shot("back-office-customers-pl", pl);
    await pl.getByTestId("nav-discounts").click();
    await pl.getByTestId("catalog-table").waitFor();
    expect(await pl.getByTestId("catalog-add").textContent()).toContain("Dodaj rabat");
    await shot("back-office-discounts-pl", pl);
    await pl.getByTestId("nav-devices").click();
    await pl.getByTestId("device-report").first().waitFor();
    await shot("back-office-devices-pl", pl);
    await plContext.close();
  });
});
