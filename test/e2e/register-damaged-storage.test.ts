import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { screenshotPath } from "../support/browser.js";
import { openRegisterPage, type RegisterPageEnv } from "../support/register-page.js";

// Sync SPEC S15/S16 in the browser: the journal's chunks in IndexedDB are damaged (bit rot) while
// the register is closed. Reopened offline, the till opens, names the damage and sells; once the
// relay is back the journal is restored from it and the warning says so.

let env: RegisterPageEnv;
let page: Page;

beforeAll(async () => {
  env = await openRegisterPage({ name: "damage", viewport: { width: 1280, height: 800 }, locale: "en-US" });
  page = env.page;
});

afterAll(() => env?.close());

async function sellEspresso(p: Page): Promise<string> {
  await p.locator('[data-testid="item-tile"][data-item-id="espresso"]').click();
  await p.getByTestId("charge").click();
  await p.getByTestId("pay-cash").click();
  const done = p.getByTestId("sale-done");
  await done.waitFor();
  const number = (await done.getAttribute("data-number")) ?? "";
  await p.getByTestId("new-sale").click();
  return number;
}

/** In the page: flips a byte in every stored chunk of the journals the ledger names. Returns the journal ids. */
function damageJournals(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("kasa-register", 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("documents", "readwrite");
      const store = tx.objectStore("documents");
      const journals = new Set<string>();
      const cursor = store.openCursor();
      const records: { key: string[]; binary: Uint8Array }[] = [];
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c) {
          records.push({ key: c.key as string[], binary: (c.value as { binary: Uint8Array }).binary });
          c.continue();
          return;
        }
        for (const r of records.filter((x) => x.key[0] === "kasa-ledger")) {
          const ledger = JSON.parse(new TextDecoder().decode(r.binary)) as { durable?: Record<string, unknown>; pending?: Record<string, unknown> };
          for (const id of [...Object.keys(ledger.durable ?? {}), ...Object.keys(ledger.pending ?? {})]) journals.add(id);
        }
        for (const r of records.filter((x) => journals.has(x.key[0]!) && (x.key[1] === "snapshot" || x.key[1] === "incremental"))) {
          const bytes = new Uint8Array(r.binary);
          bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
          store.put({ key: r.key, binary: bytes }, r.key);
        }
      };
      tx.oncomplete = () => {
        db.close();
        resolve([...journals]);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe("register: a journal damaged in IndexedDB (sync S15, S16)", () => {
  test("S15 S16 the till opens offline naming the damage, keeps selling, and says the data is restored once the relay is back", async () => {
    const synced = [await sellEspresso(page), await sellEspresso(page)];
    await page.locator('[data-testid="sync-state"][data-state="connected"][data-unsynced="0"]').waitFor({ timeout: 20_000 });

    // Close the register (it holds the tab lock), damage its journal from a page of the same origin.
    await page.goto(env.url("/healthz"));
    const journals = await page.evaluate(damageJournals);
    expect(journals.length).toBeGreaterThan(0);

    await env.stopRelay();
    await page.goto(env.url("/register/"));
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
    const chip = page.getByTestId("storage-damage-warning");
    await chip.waitFor({ timeout: 15_000 });
    await expect.poll(() => chip.textContent()).toContain("Restoring local data");
    await chip.click();
    await page.screenshot({ path: screenshotPath("register-damaged-storage-offline") });
    await expect.poll(() => page.getByTestId("toast").last().textContent()).toContain(journals[0]!);

    // Selling goes on, into a new journal for the day, with a receipt number not used before.
    const offline = await sellEspresso(page);
    expect(synced).not.toContain(offline);

    await env.startRelay();
    await page.locator('[data-testid="sync-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => chip.textContent(), { timeout: 30_000 }).toContain("Local data restored");
    await page.getByTestId("tab-receipts").click();
    for (const number of [...synced, offline]) await page.locator(`[data-testid="receipt-row"][data-number="${number}"]`).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath("register-damaged-storage-restored") });
  });
});
