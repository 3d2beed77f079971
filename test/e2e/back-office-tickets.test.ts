import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { ItemId, SaleCompleted } from "@kasa/domain";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { launchChromium, screenshotPath } from "../support/browser.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";

// Relay SPEC RL61 in the back office: two Node registers charge the same open ticket while the relay
// is down; once both have synced, the dashboard warns about it with both receipt numbers.

let root: string;
let port: number;
let relay: RelayProcess;
let browser: Browser;
let page: Page;
let a: NodeRegister;
let b: NodeRegister;

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const startRelay = async () => (relay = await startRelayProcess({ dataDir: join(root, "relay"), port }));
const synced = (r: NodeRegister) => r.waitFor((s) => s.unsyncedCount === 0 && s.connection.state === "connected", 30_000);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kasa-e2e-bo-tickets-"));
  port = await freePort();
  await startRelay();
  a = await openNodeRegister(join(root, "a"), await pairDemoRegister(relay.url, 1), relay.url);
  b = await openNodeRegister(join(root, "b"), await pairDemoRegister(relay.url, 2), relay.url);
  await a.waitFor((s) => s.connection.state === "connected");
  await b.waitFor((s) => s.connection.state === "connected");
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await a?.close();
  await b?.close();
  await relay?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("back office: open tickets charged twice", () => {
  test("RL61 the dashboard warns about a ticket both registers charged while apart, linking both receipts", async () => {
    await page.goto(url("/back-office/"));
    await page.getByTestId("login-email").fill("owner@demo.kasa");
    await page.getByTestId("login-password").fill("kasa-demo");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("nav-dashboard").click();
    await page.getByTestId("dashboard-kpis").waitFor();
    // Nothing charged twice yet: no warning at all.
    expect(await page.getByTestId("charged-twice-card").count()).toBe(0);

    const item = Object.values(a.session.snapshot.store.catalog.items).find((i) => i.soldBy === "each" && !i.variants?.length)!;
    const saved = await a.session.saveTicket({ name: "Bar 7", comment: "by the window", lines: [{ lineId: "l1", itemId: item.id as ItemId, quantityMilli: 2000 }] });
    if (!saved.ok) throw new Error(saved.error.message);
    await b.waitFor((s) => s.tickets.some((t) => t.id === saved.value.id));

    // Apart: the relay goes down (killed: a graceful stop would wait for the dashboard's open live
    // stream) and each register charges the ticket it still sees as open.
    await relay.kill9();
    const sales: SaleCompleted[] = [];
    for (const r of [a, b]) {
      const ticket = r.session.snapshot.tickets.find((t) => t.id === saved.value.id)!;
      const sale = await r.session.sell({ lines: ticket.lines, payments: [{ type: "cash", received: item.price * 2 + 1000 }] }, { ticketId: ticket.id });
      if (!sale.ok) throw new Error(sale.error.message);
      sales.push(sale.value);
    }
    await startRelay();
    await Promise.all([synced(a), synced(b)]);
    // Each register sees the other's charge only through the relay, so the relay's tickets document has both.
    for (const r of [a, b]) await r.waitFor((s) => s.ticketsChargedTwice.some((t) => t.id === saved.value.id), 30_000);
    // The card also refreshes on live receipt events, but when the tickets document lands relative to the
    // receipts is up to sync; a reload makes this check deterministic.
    await page.reload();

    const card = page.getByTestId("charged-twice-card");
    await card.waitFor({ timeout: 20_000 });
    const row = card.locator('[data-testid="charged-twice-ticket"][data-name="Bar 7"]');
    expect(await row.innerText()).toContain("by the window");
    const numbers = await row.getByTestId("charged-twice-receipt").allInnerTexts();
    expect(numbers.sort()).toEqual(sales.map((s) => s.payload.receipt.number).sort());
    expect(await card.innerText()).toContain("Both receipts stand");
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath("back-office-charged-twice"), fullPage: true });
    await card.screenshot({ path: screenshotPath("back-office-charged-twice-card") });

    // A receipt number opens that receipt.
    await row.getByTestId("charged-twice-receipt").first().click();
    const detail = page.getByTestId("receipt-detail");
    await detail.waitFor({ timeout: 10_000 });
    expect(sales.map((s) => s.id)).toContain(await detail.getAttribute("data-event-id"));
  });

  test("RL61 in a Polish browser the warning is in Polish", async () => {
    const pl = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "pl-PL" })).newPage();
    await pl.goto(url("/back-office/#/dashboard"));
    await pl.getByTestId("login-email").fill("owner@demo.kasa");
    await pl.getByTestId("login-password").fill("kasa-demo");
    await pl.getByTestId("login-submit").click();
    await pl.getByTestId("nav-dashboard").click();
    const card = pl.getByTestId("charged-twice-card");
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain("Otwarte rachunki opłacone dwukrotnie");
    expect(await card.innerText()).toContain("Kasa 2");
    await card.screenshot({ path: screenshotPath("back-office-charged-twice-card-pl") });
  });
});
