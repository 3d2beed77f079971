import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";

// DESIGN.md §1's offline rules in the register UI, with two registers (two browser contexts, each
// its own IndexedDB) against a real relay process that is stopped and started: open tickets saved
// offline (O8), online-only refunds (O6) including two registers racing, sign-out blocked while
// unsynced (O3), Sync offline (O5), e-receipts queued offline (O9). Screenshots: register-*.png.

let root: string;
let dataDir: string;
let port: number;
let relay: RelayProcess | undefined;
let browser: Browser;
let contextA: BrowserContext;
let contextB: BrowserContext;
let a: Page;
let b: Page;

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const shot = (p: Page, name: string) => p.screenshot({ path: screenshotPath(name) });
const syncState = (p: Page) => p.getByTestId("sync-state");
async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

async function pair(p: Page, number: number): Promise<void> {
  const code = await demoPairingCode(relay!.url, number);
  await p.goto(url(`/register/#pair=${code}`));
  await p.getByTestId("till").waitFor({ timeout: 30_000 });
  await p.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
  await p.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

async function stopRelay(): Promise<void> {
  await relay?.stop();
  relay = undefined;
  for (const p of [a, b]) await expect.poll(() => syncState(p).getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
}

async function startRelay(): Promise<void> {
  relay = await startRelayProcess({ dataDir, port });
  for (const p of [a, b]) await expect.poll(() => syncState(p).getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");
}

/** One espresso for the exact amount in cash; returns the receipt number. */
async function sellOne(p: Page, itemId = "espresso"): Promise<string> {
  await p.getByTestId("tab-till").click();
  await p.locator(`[data-testid="item-tile"][data-item-id="${itemId}"]`).click();
  await p.getByTestId("charge").click();
  await p.getByTestId("pay-cash").click();
  const done = p.getByTestId("sale-done");
  await done.waitFor();
  const number = (await done.getAttribute("data-number")) ?? "";
  await p.getByTestId("new-sale").click();
  return number;
}

async function openReceipt(p: Page, number: string): Promise<void> {
  await p.getByTestId("tab-receipts").click();
  await p.locator(`[data-testid="receipt-row"][data-number="${number}"]`).click();
  await p.locator(`[data-testid="receipt-detail"][data-number="${number}"]`).waitFor();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-offline-"));
  dataDir = join(root, "relay");
  port = await freePort();
  relay = await startRelayProcess({ dataDir, port });
  browser = await launchChromium();
  contextA = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-US" });
  contextB = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-US" });
  a = await contextA.newPage();
  b = await contextB.newPage();
  await pair(a, 1);
  await pair(b, 2);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("register: every documented offline rule", () => {
  test("O5 Sync offline says No internet connection", async () => {
    await stopRelay();
    await a.getByTestId("menu").click();
    await a.getByTestId("menu-sync").click();
    const toast = a.getByTestId("toast");
    await toast.waitFor();
    expect(await text(toast)).toContain("No internet connection");
    await shot(a, "register-sync-offline");
  });

  test("O8 a ticket saved on register A while offline appears on register B after the relay starts, and charging it on B removes it from A", async () => {
    await a.getByTestId("tab-till").click();
    await a.locator('[data-testid="item-tile"][data-item-id="espresso"]').click();
    await a.locator('[data-testid="item-tile"][data-item-id="croissant"]').click();
    await a.getByTestId("ticket-save").click();
    await a.getByTestId("save-ticket-dialog").waitFor();
    // The name defaults to the time; a predefined name replaces it.
    expect(await a.getByTestId("ticket-name").inputValue()).toMatch(/\d{1,2}:\d{2}/);
    await a.locator('[data-testid="ticket-name-option"][data-name="Table 3"]').click();
    await a.getByTestId("ticket-comment").fill("window seat");
    await shot(a, "register-save-ticket");
    await a.getByTestId("save-ticket-confirm").click();
    await expect.poll(() => a.getByTestId("ticket-line").count()).toBe(0);
    await a.getByTestId("tab-tickets").click();
    const onA = a.locator('[data-testid="open-ticket"][data-name="Table 3"]');
    await onA.waitFor();
    expect(await text(onA)).toContain("window seat");
    expect(await text(onA.getByTestId("open-ticket-meta"))).toContain("Register 1");
    await shot(a, "register-tickets-offline");

    // Saving another ticket: "Table 3" is taken, so it is not offered again.
    await a.getByTestId("tab-till").click();
    await a.locator('[data-testid="item-tile"][data-item-id="espresso"]').click();
    await a.getByTestId("ticket-save").click();
    await a.getByTestId("save-ticket-dialog").waitFor();
    expect(await a.locator('[data-testid="ticket-name-option"][data-name="Table 3"]').count()).toBe(0);
    expect(await a.locator('[data-testid="ticket-name-option"][data-name="Table 4"]').count()).toBe(1);
    await a.getByTestId("ticket-name").fill("Anna takeaway");
    await a.getByTestId("save-ticket-confirm").click();
    await expect.poll(() => a.getByTestId("ticket-line").count()).toBe(0);

    await startRelay();
    await b.getByTestId("tab-tickets").click();
    const onB = b.locator('[data-testid="open-ticket"][data-name="Table 3"]');
    await onB.waitFor({ timeout: 30_000 });
    expect(await text(onB.getByTestId("open-ticket-meta"))).toContain("Register 1");
    // Sorted by name: "Anna takeaway" before "Table 3".
    await b.locator('[data-testid="tickets-sort"][data-sort="name"]').click();
    await expect.poll(async () => (await b.getByTestId("open-ticket").first().getAttribute("data-name")) ?? "").toBe("Anna takeaway");
    await shot(b, "register-tickets-on-b");

    await onB.getByTestId("open-ticket-charge").click();
    await b.getByTestId("charge-screen").waitFor();
    await b.getByTestId("pay-cash").click();
    await b.getByTestId("sale-done").waitFor();
    await b.getByTestId("new-sale").click();
    // Charged on B: it leaves both lists.
    await a.getByTestId("tab-tickets").click();
    await a.locator('[data-testid="open-ticket"][data-name="Table 3"]').waitFor({ state: "detached", timeout: 30_000 });
    await b.getByTestId("tab-tickets").click();
    await b.locator('[data-testid="open-ticket"][data-name="Table 3"]').waitFor({ state: "detached" });
    await shot(a, "register-tickets-after-charge");

    // Open loads it into the ticket; delete asks first.
    const anna = a.locator('[data-testid="open-ticket"][data-name="Anna takeaway"]');
    await anna.getByTestId("open-ticket-open").click();
    await a.getByTestId("open-ticket-name").waitFor();
    expect(await a.getByTestId("ticket-line").count()).toBe(1);
    await a.getByTestId("ticket-clear").click();
    await a.getByTestId("tab-tickets").click();
    await anna.getByTestId("open-ticket-delete").click();
    await anna.getByTestId("open-ticket-delete-confirm").click();
    await anna.waitFor({ state: "detached" });
  });

  let offlineNumber = "";

  test("O3 sign-out blocked with the count while unsynced", async () => {
    await stopRelay();
    offlineNumber = await sellOne(a);
    await expect.poll(() => syncState(a).getAttribute("data-unsynced")).toBe("1");
    await a.getByTestId("menu").click();
    const item = a.getByTestId("menu-signout");
    expect(await item.isDisabled()).toBe(true);
    expect(await text(a.getByTestId("signout-blocked"))).toContain("1 unsynced");
    await shot(a, "register-signout-blocked");
    await a.keyboard.press("Escape");
  });

  test("O9 send receipt offline is queued", async () => {
    await openReceipt(a, offlineNumber);
    await a.getByTestId("receipt-email").fill("anna@example.com");
    await a.getByTestId("receipt-send").click();
    await a.getByTestId("receipt-email-queued").waitFor();
    expect(await text(a.getByTestId("receipt-email-queued"))).toContain("Will be sent when the relay has it");
    await shot(a, "register-send-receipt-queued");
  });

  test("O6 refund refused offline (button disabled with reason), approved online, shown in red", async () => {
    await openReceipt(a, offlineNumber);
    expect(await a.getByTestId("receipt-refund").isDisabled()).toBe(true);
    expect(await text(a.getByTestId("refund-reason"))).toBe("Refunds need a connection");
    expect(await a.getByTestId("scope-store").isDisabled()).toBe(true);
    await shot(a, "register-refund-offline");

    await startRelay();
    await expect.poll(() => a.locator(`[data-testid="receipt-row"][data-number="${offlineNumber}"]`).getAttribute("data-synced"), { timeout: 30_000 }).toBe("true");
    const refund = a.getByTestId("receipt-refund");
    await expect.poll(() => refund.isDisabled()).toBe(false);
    await refund.click();
    await a.getByTestId("refund-dialog").waitFor();
    expect(await a.getByTestId("refund-confirm").isDisabled()).toBe(true);
    await a.getByTestId("refund-plus").first().click();
    await shot(a, "register-refund-dialog");
    await a.getByTestId("refund-confirm").click();
    const detail = a.locator('[data-testid="receipt-detail"][data-kind="refund"]');
    await detail.waitFor({ timeout: 15_000 });
    expect(await text(detail.getByTestId("refund-for"))).toContain(offlineNumber);
    const row = a.locator('[data-testid="receipt-row"][data-kind="refund"]');
    await row.waitFor();
    // Red: the refund's number and total use the danger colour.
    const color = await row.locator(".number").evaluate((el) => getComputedStyle(el).color);
    expect(color).toMatch(/rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)/);
    await shot(a, "register-refund-red");
  });

  test("O6 two registers refunding the same receipt at once: one is refused", async () => {
    const number = await sellOne(a, "croissant");
    await openReceipt(a, number);
    await expect.poll(() => a.locator(`[data-testid="receipt-row"][data-number="${number}"]`).getAttribute("data-synced"), { timeout: 30_000 }).toBe("true");

    // B finds A's receipt in the whole store's receipts (online only).
    await b.getByTestId("tab-receipts").click();
    await b.getByTestId("scope-store").click();
    const storeRow = b.locator(`[data-testid="store-receipt-row"][data-number="${number}"]`);
    await b.getByTestId("receipt-search").fill(number);
    await storeRow.waitFor({ timeout: 30_000 });
    await storeRow.click();
    await b.locator(`[data-testid="receipt-detail"][data-number="${number}"]`).waitFor();
    await shot(b, "register-store-receipts");

    for (const p of [a, b]) {
      await p.getByTestId("receipt-refund").click();
      await p.getByTestId("refund-dialog").waitFor();
      await p.getByTestId("refund-plus").first().click();
    }
    await Promise.all([a.getByTestId("refund-confirm").click(), b.getByTestId("refund-confirm").click()]);
    const outcome = async (p: Page) =>
      (await p.locator('[data-testid="receipt-detail"][data-kind="refund"]').count()) > 0
        ? "refunded"
        : ((await p.getByTestId("refund-error").getAttribute("data-code").catch(() => null)) ?? "pending");
    await expect.poll(async () => [await outcome(a), await outcome(b)].sort().join(","), { timeout: 20_000 }).toBe("REFUND_OVER_SOLD,refunded");
    const refused = (await outcome(a)) === "refunded" ? b : a;
    expect(await text(refused.getByTestId("refund-error"))).toContain("more than was sold");
    await shot(refused, "register-refund-race-refused");
    await refused.keyboard.press("Escape");
    await refused.getByTestId("refund-dialog").waitFor({ state: "detached" });
  });

  test("O8 a ticket charged on both registers while apart is flagged: Charged twice — both receipts stand", async () => {
    await a.keyboard.press("Escape");
    await a.getByTestId("tab-till").click();
    await a.locator('[data-testid="item-tile"][data-item-id="lemonade"]').click();
    await a.getByTestId("ticket-save").click();
    await a.getByTestId("ticket-name").fill("Bar 7");
    await a.getByTestId("save-ticket-confirm").click();
    await b.getByTestId("tab-tickets").click();
    await b.locator('[data-testid="open-ticket"][data-name="Bar 7"]').waitFor({ timeout: 30_000 });

    await stopRelay();
    const numbers: string[] = [];
    for (const p of [a, b]) {
      await p.getByTestId("tab-tickets").click();
      await p.locator('[data-testid="open-ticket"][data-name="Bar 7"]').getByTestId("open-ticket-charge").click();
      await p.getByTestId("pay-cash").click();
      numbers.push((await p.getByTestId("sale-done").getAttribute("data-number")) ?? "");
      await p.getByTestId("new-sale").click();
    }
    await startRelay();
    await a.getByTestId("tab-tickets").click();
    const flag = a.getByTestId("ticket-charged-twice");
    await flag.waitFor({ timeout: 30_000 });
    expect(await text(flag)).toContain("Charged twice — both receipts stand");
    for (const n of numbers) expect(await text(flag.getByTestId("charged-twice-receipts"))).toContain(n);
    await shot(a, "register-ticket-charged-twice");
  });

  test("O7 customers: registered online, found and attached offline from the replicated list", async () => {
    await a.keyboard.press("Escape");
    await a.getByTestId("tab-till").click();
    await a.getByTestId("ticket-customer").click();
    await a.getByTestId("customer-dialog").waitFor();
    await a.getByTestId("customer-new").click();
    await a.getByTestId("customer-name").fill("Anna Nowak");
    await a.getByTestId("customer-email").fill("anna.nowak@example.com");
    await a.getByTestId("customer-phone").fill("+48 600 100 200");
    await a.getByTestId("customer-save").click();
    await a.getByTestId("customer-dialog").waitFor({ state: "detached" });
    await expect.poll(() => text(a.getByTestId("ticket-customer-name")), { timeout: 15_000 }).toBe("Anna Nowak");
    await a.getByTestId("ticket-clear").click();

    await stopRelay();
    await a.getByTestId("ticket-customer").click();
    await a.getByTestId("customer-dialog").waitFor();
    expect(await a.getByTestId("customer-new").isDisabled()).toBe(true);
    expect(await text(a.getByTestId("customer-offline-reason"))).toBe("Registering customers needs a connection");
    await a.getByTestId("customer-search").fill("600 100");
    const row = a.getByTestId("customer-row");
    await expect.poll(() => row.count()).toBe(1);
    expect(await text(row)).toContain("Anna Nowak");
    expect(await text(row.getByTestId("customer-points"))).toMatch(/\d+ points/);
    await shot(a, "register-customer-offline");
    await row.getByTestId("customer-attach").click();
    await a.locator('[data-testid="item-tile"][data-item-id="espresso"]').click();
    expect(await text(a.getByTestId("ticket-customer-name"))).toBe("Anna Nowak");
    await shot(a, "register-customer-attached");
    await a.getByTestId("charge").click();
    await a.getByTestId("pay-cash").click();
    await a.getByTestId("sale-done").waitFor();
    await a.getByTestId("new-sale").click();
    // A new sale starts without the customer.
    expect(await text(a.getByTestId("ticket-customer"))).toBe("Customer");
    await startRelay();
  });

  test("O3 with everything synced, sign-out clears the register and returns to pairing", async () => {
    await expect.poll(() => syncState(a).getAttribute("data-unsynced"), { timeout: 30_000 }).toBe("0");
    await a.keyboard.press("Escape");
    await a.getByTestId("menu").click();
    await a.getByTestId("menu-signout").click();
    await shot(a, "register-signout-confirm");
    await a.getByTestId("menu-signout-confirm").click();
    await a.getByTestId("pair-code").waitFor({ timeout: 30_000 });
    expect(await a.evaluate(() => localStorage.getItem("kasa.register.paired"))).toBeNull();
    await shot(a, "register-signed-out");
  });
});

describe("register: receipts search offline (O13)", () => {
  test("O13 offline, the Receipts list searches this register's own receipts by number and item name; the store-wide scope needs the relay", async () => {
    // Register A signed out above; register B carries on.
    const lemonade = await sellOne(b, "lemonade");
    await relay?.stop();
    relay = undefined;
    await expect.poll(() => syncState(b).getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
    const croissant = await sellOne(b, "croissant");
    await b.getByTestId("tab-receipts").click();
    await b.getByTestId("scope-register").click();
    expect(await b.getByTestId("scope-store").isDisabled()).toBe(true);
    const rows = b.locator('[data-testid="receipt-row"][data-kind="sale"]');
    const shown = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-number")));

    await b.getByTestId("receipt-search").fill(croissant);
    await expect.poll(shown).toEqual([croissant]);
    expect(await b.locator(`[data-testid="receipt-row"][data-number="${croissant}"]`).getAttribute("data-synced")).toBe("false");
    // By item name, case-insensitively: only the sales with a lemonade on them.
    await b.getByTestId("receipt-search").fill("LEMONADE");
    await expect.poll(async () => (await shown()).includes(lemonade)).toBe(true);
    expect(await shown()).not.toContain(croissant);
    await shot(b, "register-receipts-search-offline");
    await b.getByTestId("receipt-search").fill("no such thing");
    await expect.poll(() => rows.count()).toBe(0);

    relay = await startRelayProcess({ dataDir, port });
    await expect.poll(() => syncState(b).getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");
    await expect.poll(() => b.getByTestId("scope-store").isDisabled()).toBe(false);
  });
});
