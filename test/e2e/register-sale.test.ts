import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { SCREENSHOT_DIR, screenshotPath } from "../support/browser.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { openRegisterPage, type RegisterPageEnv } from "../support/register-page.js";

// The register's full sale in a real browser against the demo store (relay-server/src/demo):
// variants, modifiers, discounts, split and custom payments, a weighed item, the integrated
// terminal, shifts, the one-tab guard and Polish. Rule ids are from packages/domain/SPEC.md and
// DESIGN.md §1. Screenshots of every screen go to test-results/screenshots/register-*.png.

let env: RegisterPageEnv;
/** The register's tab; a test below moves it to a second tab of the same context. */
let page: Page;

beforeAll(async () => {
  env = await openRegisterPage({ name: "sale", locale: "en-US" });
  page = env.page;
});

afterAll(() => env?.close());
const tile = (p: Page, itemId: string) => p.locator(`[data-testid="item-tile"][data-item-id="${itemId}"]`);
const shot = (p: Page, name: string) => p.screenshot({ path: screenshotPath(name) });
/** Text with every kind of space (pl-PL money uses no-break spaces) as a plain space. */
async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? "").replace(/\s+/g, " ").trim();
}
const money = (s: string) => s.replace(/\s+/g, " ");
/** Without any spaces: receipt rows are flex boxes whose cells have no space between them in textContent. */
const compact = (s: string) => s.replace(/\s+/g, "");

async function newSale(p: Page): Promise<string> {
  const done = p.getByTestId("sale-done");
  await done.waitFor();
  const number = (await done.getAttribute("data-number")) ?? "";
  await p.getByTestId("new-sale").click();
  await p.locator('[data-testid="till"][data-phase="ticket"]').waitFor();
  return number;
}

describe("register: the full sale, every payment type, and shifts", () => {
  let splitNumber = "";

  test("D14 D15 D16 D17 D24 a latte with a variant and a modifier, a line discount and a ticket discount, split into cash and a voucher", async () => {
    await shot(page, "register-till");
    // Variants and modifiers in one dialog (D17): Large / Oat is 20,00 zł, the extra shot +3,00 zł.
    await tile(page, "latte").click();
    const dialog = page.getByTestId("options-dialog");
    await dialog.waitFor();
    expect(await page.getByTestId("options-confirm").isDisabled()).toBe(true);
    await page.locator('[data-testid="variant-value"][data-value="Large"]').click();
    await page.locator('[data-testid="variant-value"][data-value="Oat"]').click();
    await page.locator('[data-testid="modifier-option"][data-option="extras:shot"]').click();
    expect(money(await text(page.getByTestId("options-price")))).toBe("23,00 zł");
    await shot(page, "register-variants-modifiers");
    await page.getByTestId("options-confirm").click();

    // The line: Staff 20 % on it, and a comment.
    const line = page.locator('[data-testid="ticket-line"][data-item-id="latte"]');
    expect(await text(line.getByTestId("line-details"))).toContain("Large / Oat");
    await line.getByTestId("line-open").click();
    await page.getByTestId("line-dialog").waitFor();
    await page.locator('[data-testid="line-discount"][data-discount-id="staff"]').click();
    await page.getByTestId("line-comment").fill("extra hot");
    await shot(page, "register-line-dialog");
    await page.getByTestId("line-save").click();
    expect(money(await text(line.getByTestId("line-total")))).toBe("18,40 zł");
    expect(await text(line.getByTestId("line-comment-text"))).toBe("extra hot");

    // A croissant, and the whole-ticket "5 zł off" (D14: ticket discounts after line discounts).
    await tile(page, "croissant").click();
    await page.getByTestId("ticket-discount").click();
    await page.getByTestId("discount-dialog").waitFor();
    await page.locator('[data-testid="discount-option"][data-discount-id="five-off"] [data-testid="discount-apply"]').click();
    await shot(page, "register-discount-dialog");
    await page.getByTestId("discount-done").click();
    // 18,40 + 8,50 − 5,00 = 21,90
    expect(money(await text(page.getByTestId("ticket-total")))).toBe("21,90 zł");
    expect(money(await text(page.getByTestId("ticket-discounts")))).toBe("−9,60 zł");
    await shot(page, "register-ticket");

    // Split (D24): two payments, evenly first; cash, then the voucher; each Paid; then Done.
    await page.getByTestId("charge").click();
    await page.getByTestId("charge-screen").waitFor();
    await shot(page, "register-charge");
    await page.getByTestId("split-start").click();
    const parts = page.getByTestId("split-part");
    await expect.poll(() => parts.count()).toBe(2);
    expect(await parts.nth(0).getByTestId("split-amount").inputValue()).toBe("10,95");
    expect(await parts.nth(1).getByTestId("split-amount").inputValue()).toBe("10,95");
    // Three payments, then back to two: the even split follows.
    await page.getByTestId("split-plus").click();
    expect(await parts.nth(2).getByTestId("split-amount").inputValue()).toBe("7,30");
    await page.getByTestId("split-minus").click();
    await expect.poll(() => parts.count()).toBe(2);
    // Edit the first amount: the second takes the rest.
    await parts.nth(0).getByTestId("split-amount").fill("11,90");
    expect(await parts.nth(1).getByTestId("split-amount").inputValue()).toBe("10,00");
    await parts.nth(1).getByTestId("split-method").selectOption("voucher");
    await shot(page, "register-split");
    await parts.nth(0).getByTestId("split-charge").click();
    await expect.poll(() => parts.nth(0).getAttribute("data-paid")).toBe("true");
    expect(await page.getByTestId("split-done").isDisabled()).toBe(true);
    await parts.nth(1).getByTestId("split-charge").click();
    await expect.poll(() => parts.nth(1).getAttribute("data-paid")).toBe("true");
    await shot(page, "register-split-paid");
    await page.getByTestId("split-done").click();

    // One sale with both payments; the receipt shows lines, discounts, taxes and payments.
    const done = page.getByTestId("sale-done");
    await done.waitFor();
    splitNumber = (await done.getAttribute("data-number")) ?? "";
    expect(splitNumber).toMatch(/^1-\d+$/);
    const paper = page.getByTestId("receipt-paper");
    const paperText = compact(await text(paper));
    for (const part of ["Large / Oat", "+ Extra shot 3,00 zł", "Staff 20% −4,60 zł", "“extra hot”", "5 zł off −5,00 zł", "incl. VAT 8% 1,11 zł", "Subtotal 31,50 zł"]) {
      expect(paperText).toContain(compact(part));
    }
    expect(money(await text(paper.getByTestId("paper-total")))).toBe("21,90 zł");
    const payments = paper.getByTestId("paper-payment");
    expect(await payments.count()).toBe(2);
    expect(compact(await text(payments.nth(0)))).toBe(compact("Cash 11,90 zł"));
    expect(compact(await text(payments.nth(1)))).toBe(compact("Gift voucher 10,00 zł"));
    await shot(page, "register-sale-done");

    // Print: the receipt alone, on an 80 mm roll exactly as long as the receipt.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByTestId("print-receipt").click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const pageRule = await page.evaluate(() => document.getElementById("kasa-print-page")?.textContent ?? "");
    expect(pageRule).toMatch(/@page \{ size: 80mm \d+mm; margin: 4mm; \}/);
    await page.emulateMedia({ media: "print" });
    await shot(page, "register-receipt-print-80mm");
    await writeFile(join(SCREENSHOT_DIR, "register-receipt-80mm.pdf"), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await page.emulateMedia({ media: "screen" });

    // 58 mm paper, chosen in the ⋮ menu.
    await page.getByTestId("menu").click();
    await page.getByTestId("paper-58").click();
    await page.getByTestId("menu").click();
    await page.getByTestId("print-receipt").click();
    await expect.poll(() => page.evaluate(() => document.getElementById("kasa-print-page")?.textContent ?? "")).toMatch(/size: 58mm \d+mm; margin: 5mm/);
    await page.emulateMedia({ media: "print" });
    await shot(page, "register-receipt-print-58mm");
    await writeFile(join(SCREENSHOT_DIR, "register-receipt-58mm.pdf"), await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await page.emulateMedia({ media: "screen" });
    await page.getByTestId("menu").click();
    await page.getByTestId("paper-80").click();
    await page.getByTestId("menu").click();

    await newSale(page);
    await page.getByTestId("tab-receipts").click();
    const row = page.locator(`[data-testid="receipt-row"][data-number="${splitNumber}"]`);
    await row.click();
    expect(await text(row)).toContain("Cash + Gift voucher");
    await page.locator(`[data-testid="receipt-detail"][data-number="${splitNumber}"]`).waitFor();
    await shot(page, "register-receipts");
    await page.getByTestId("tab-till").click();
  });

  test("D2 D3 a weighed item: 0,250 kg of olives at 69,90 zł/kg is 17,48 zł, paid by card; search and scanner", async () => {
    await tile(page, "olives").click();
    await page.getByTestId("weight-dialog").waitFor();
    await page.getByTestId("weight-input").fill("0,250");
    await shot(page, "register-weight");
    await page.getByTestId("weight-confirm").click();
    const line = page.locator('[data-testid="ticket-line"][data-item-id="olives"]');
    expect(await line.getAttribute("data-quantity-milli")).toBe("250");
    expect(money(await text(page.getByTestId("ticket-total")))).toBe("17,48 zł");

    // The search field finds by name; Enter adds the only match.
    await page.getByTestId("item-search").fill("crois");
    await expect.poll(() => page.getByTestId("item-tile").count()).toBe(1);
    await shot(page, "register-search");
    await page.getByTestId("item-search").press("Enter");
    await page.locator('[data-testid="ticket-line"][data-item-id="croissant"]').waitFor();
    expect(await page.getByTestId("item-search").inputValue()).toBe("");
    await page.locator('[data-testid="ticket-line"][data-item-id="croissant"] [data-testid="line-remove"]').click();

    // A scanner types fast and ends with Enter; an unknown code says so.
    await page.locator("body").click({ position: { x: 5, y: 740 } });
    await page.keyboard.type("5901234123457\n");
    await expect.poll(() => page.getByTestId("toast").textContent()).toContain("No item has this barcode or SKU");

    await page.getByTestId("charge").click();
    await page.getByTestId("pay-card").click();
    await newSale(page);
    await page.getByTestId("tab-receipts").click();
    await page.getByTestId("receipt-row").first().click();
    const paper = page.getByTestId("receipt-detail").getByTestId("receipt-paper");
    expect(compact(await text(paper))).toContain(compact("0,250 kg × 69,90 zł/kg"));
    expect(money(await text(paper.getByTestId("paper-total")))).toBe("17,48 zł");
    await page.getByTestId("tab-till").click();
  });

  test("O10 D8 the integrated terminal: offline it needs a connection; a decline leaves the sale open and unpaid, then an approval records its authorization", async () => {
    await tile(page, "espresso").click();
    await page.getByTestId("charge").click();
    const terminal = page.getByTestId("pay-terminal");
    await terminal.waitFor();
    expect(await terminal.isDisabled()).toBe(false);
    const before = await terminal.boundingBox();

    // The relay goes away: the terminal is disabled, "Needs a connection", and nothing moves.
    await env.stopRelay();
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).not.toBe("connected");
    expect(await terminal.isDisabled()).toBe(true);
    expect(await text(terminal)).toContain("Needs a connection");
    expect(await terminal.boundingBox()).toEqual(before);
    await shot(page, "register-terminal-offline");
    await env.startRelay();
    await expect.poll(() => page.getByTestId("sync-state").getAttribute("data-state"), { timeout: 30_000 }).toBe("connected");

    await page.evaluate(() => localStorage.setItem("kasa.terminal.script", JSON.stringify(["decline", "approve"])));
    await terminal.click();
    await page.getByTestId("terminal-overlay").waitFor();
    await shot(page, "register-terminal-present-card");
    const error = page.getByTestId("sale-error");
    await error.waitFor({ timeout: 10_000 });
    expect(await error.getAttribute("data-code")).toBe("TERMINAL_DECLINED");
    expect(await page.locator('[data-testid="till"]').getAttribute("data-phase")).toBe("charge");
    await shot(page, "register-terminal-declined");

    await terminal.click();
    const done = page.getByTestId("sale-done");
    await done.waitFor({ timeout: 10_000 });
    const payment = page.getByTestId("receipt-paper").getByTestId("paper-payment");
    expect(await payment.getAttribute("data-type")).toBe("card");
    expect(await text(payment)).toContain("Card terminal");
    expect(await text(page.getByTestId("receipt-paper"))).toMatch(/Authorization [A-Z2-9]{6}/);
    await shot(page, "register-terminal-approved");
    await newSale(page);
  });

  test("D19 D21 D22 D23 O2 a shift: open with starting cash, two sales, a pay out, close with a difference; the report adds up and syncs", async () => {
    await page.getByTestId("tab-shift").click();
    await page.getByTestId("shift-screen").waitFor();
    await shot(page, "register-shift-closed");
    await page.getByTestId("shift-starting-cash").fill("100");
    await page.getByTestId("shift-open").click();
    await page.locator('[data-testid="shift-screen"][data-open="true"]').waitFor();

    // Cash: an espresso, 10 zł handed over (1 zł change). Card: a croissant.
    await page.getByTestId("tab-till").click();
    await tile(page, "espresso").click();
    await page.getByTestId("charge").click();
    await page.getByTestId("cash-received").fill("10");
    expect(money(await text(page.getByTestId("change")))).toContain("1,00 zł");
    await page.getByTestId("pay-cash").click();
    expect(money(await text(page.getByTestId("change-due")))).toBe("1,00 zł");
    await newSale(page);
    await tile(page, "croissant").click();
    await page.getByTestId("charge").click();
    await page.getByTestId("pay-card").click();
    await newSale(page);

    // Pay out 5 zł for milk.
    await page.getByTestId("tab-shift").click();
    await page.getByTestId("shift-pay-out").click();
    await page.getByTestId("cash-amount").fill("5");
    await page.getByTestId("cash-comment").fill("Milk from the shop");
    await shot(page, "register-shift-pay-out");
    await page.getByTestId("cash-confirm").click();
    await page.locator('[data-testid="report-movement"][data-kind="out"]').waitFor();
    expect(money(await text(page.getByTestId("kpi-expected")))).toBe("104,00 zł");
    await shot(page, "register-shift-open");

    // Close: 103 zł counted against 104 zł expected; the difference shows before confirming.
    await page.getByTestId("shift-close").click();
    await page.getByTestId("close-shift-dialog").waitFor();
    expect(money(await text(page.getByTestId("close-expected")))).toBe("104,00 zł");
    await page.getByTestId("close-counted").fill("103");
    expect(money(await text(page.getByTestId("close-difference")))).toBe("−1,00 zł");
    await shot(page, "register-shift-close");
    await page.getByTestId("close-confirm").click();
    await page.getByTestId("shift-closed-banner").waitFor();

    const report = page.getByTestId("shift-report").first();
    const value = async (id: string) => money(await text(report.getByTestId(id)));
    expect(await value("report-receipts")).toBe("2");
    expect(await value("report-gross")).toBe("17,50 zł");
    expect(await value("report-refunds")).toBe("0,00 zł");
    expect(await value("report-discounts")).toBe("0,00 zł");
    expect(await value("report-net")).toBe("17,50 zł");
    // VAT included: 0,67 zł in the espresso (8 %), 0,40 zł in the croissant (5 %).
    expect(await value("report-taxes")).toBe("1,07 zł");
    expect(money(await text(report.locator('[data-testid="report-payment"][data-name="Cash"]')))).toBe("9,00 zł");
    expect(money(await text(report.locator('[data-testid="report-payment"][data-name="Card"]')))).toBe("8,50 zł");
    expect(await value("report-starting")).toBe("100,00 zł");
    expect(await value("report-cash-payments")).toBe("9,00 zł");
    expect(await value("report-paid-out")).toBe("5,00 zł");
    expect(await value("report-expected")).toBe("104,00 zł");
    expect(await value("report-counted")).toBe("103,00 zł");
    expect(await value("report-difference")).toBe("−1,00 zł");
    expect(await text(report.getByTestId("report-movement"))).toContain("Milk from the shop");
    await shot(page, "register-shift-report");

    // History on the device: the closed shift turns Synced once the relay has every event on disk.
    const row = page.getByTestId("shift-history-row").first();
    await expect.poll(() => row.getAttribute("data-synced"), { timeout: 30_000 }).toBe("true");
    await row.click();
    await shot(page, "register-shift-history");
    await page.evaluate(() => (window.print = () => undefined));
    await page.getByTestId("shift-print").click();
    await page.emulateMedia({ media: "print" });
    await shot(page, "register-shift-report-print");
    await page.emulateMedia({ media: "screen" });
    await page.getByTestId("tab-till").click();
  });

  test("one register per browser profile: a second tab sells nothing until the first one is closed", async () => {
    const second = await env.context.newPage();
    await second.goto(env.url("/register/"));
    await second.getByTestId("lock-blocked").waitFor({ timeout: 30_000 });
    expect(await second.getByTestId("till").count()).toBe(0);
    await shot(second, "register-two-tabs-blocked");
    // The first tab is closed: "Try again" in the second takes the register over.
    await page.close();
    page = second;
    await page.getByTestId("lock-blocked").getByRole("button").click();
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
  });

  test("D16 Polish: the screens in Polish, and a refused discount (DISCOUNT_OVER_TOTAL) explained in Polish", async () => {
    await page.getByTestId("menu").click();
    await shot(page, "register-menu");
    await page.getByTestId("lang-pl").click();
    await expect.poll(() => text(page.getByTestId("tab-till"))).toBe("Sprzedaż");
    await page.getByTestId("menu").click();
    expect(await text(page.getByTestId("tab-receipts"))).toBe("Paragony");
    expect(await text(page.getByTestId("tab-shift"))).toBe("Zmiana");

    await tile(page, "espresso").click();
    expect(await text(page.getByTestId("charge"))).toContain("Zapłać");
    await page.getByTestId("ticket-discount").click();
    const manager = page.locator('[data-testid="discount-option"][data-discount-id="manager"]');
    await manager.getByTestId("discount-enter").click();
    await page.getByTestId("discount-value").fill("50");
    await manager.getByTestId("discount-apply").click();
    const error = page.getByTestId("discount-error");
    await error.waitFor();
    expect(await error.getAttribute("data-code")).toBe("DISCOUNT_OVER_TOTAL");
    expect(await text(error)).toBe("Rabat jest wyższy niż wartość rachunku");
    await shot(page, "register-pl-discount-error");
    await page.getByTestId("discount-done").click();

    // Remembered on the device.
    await page.reload();
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
    expect(await text(page.getByTestId("tab-till"))).toBe("Sprzedaż");
    await tile(page, "espresso").click();
    await page.getByTestId("charge").click();
    await shot(page, "register-pl-charge");
    await page.getByTestId("pay-cash").click();
    await page.getByTestId("sale-done").waitFor();
    await shot(page, "register-pl-sale-done");
    await page.getByTestId("new-sale").click();
    await page.getByTestId("tab-shift").click();
    await shot(page, "register-pl-shift");
    await page.getByTestId("tab-till").click();
    await page.getByTestId("menu").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => text(page.getByTestId("tab-till"))).toBe("Till");
  });

  test("layouts: 1280×800 and a phone show the till and the charge screen whole", async () => {
    const wide = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const p = await wide.newPage();
    await p.goto(env.url(`/register/#pair=${await demoPairingCode(env.relay.url, 2)}`));
    await p.getByTestId("till").waitFor({ timeout: 30_000 });
    await tile(p, "flat-white").click();
    await p.locator('[data-testid="modifier-option"][data-option="extras:syrup"]').click();
    await p.getByTestId("options-confirm").click();
    await tile(p, "orange-juice").click();
    await shot(p, "register-till-1280");
    await p.getByTestId("charge").click();
    await shot(p, "register-charge-1280");
    await p.setViewportSize({ width: 390, height: 844 });
    await p.getByTestId("charge-back").click();
    await shot(p, "register-phone-till");
    await p.getByTestId("charge").click();
    await shot(p, "register-phone-charge");
    // Touch targets: every button on the charge screen is at least 44 px tall.
    const heights = await p.getByTestId("charge-screen").locator("button").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await wide.close();
  });
});
