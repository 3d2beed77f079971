import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { screenshotPath } from "../support/browser.js";
import { openRegisterPage, type RegisterPageEnv } from "../support/register-page.js";

// Sync SPEC S14: every write the register makes to IndexedDB (journal chunks, register document,
// ledger) runs in a transaction with strict durability. Checked from inside Chromium: before the
// app loads, IDBDatabase.prototype.transaction is wrapped to record each transaction's mode and
// the durability the browser reports for it, and IDBObjectStore.prototype.put to record the keys
// written, so the journal chunks a sale writes can be tied to their transaction.

let env: RegisterPageEnv;
let page: Page;

interface TxRecord {
  readonly db: string;
  readonly mode: string;
  /** What the page asked for (`options.durability`), or "none". */
  readonly asked: string;
  /** What the browser reports for the transaction (IDBTransaction.durability). */
  readonly durability: string;
  /** Keys put in it (each key array joined with "/"). */
  readonly puts: string[];
}

/** Runs in the page before any of its scripts. */
function recordTransactions(): void {
  const log: TxRecord[] = [];
  const byTx = new WeakMap<IDBTransaction, TxRecord>();
  (window as unknown as { __kasaTx: TxRecord[] }).__kasaTx = log;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
    const tx = transaction.call(this, stores, mode, options);
    const record: TxRecord = { db: this.name, mode: tx.mode, asked: options?.durability ?? "none", durability: (tx as IDBTransaction & { durability?: string }).durability ?? "unknown", puts: [] };
    log.push(record);
    byTx.set(tx, record);
    return tx;
  } as typeof transaction;
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    byTx.get(this.transaction)?.puts.push(Array.isArray(key) ? key.join("/") : String(key));
    return put.call(this, value, key);
  };
}

beforeAll(async () => {
  env = await openRegisterPage({ name: "durability", locale: "en-US", initScript: recordTransactions });
  page = env.page;
});

afterAll(() => env?.close());
const transactions = (p: Page) => p.evaluate(() => (window as unknown as { __kasaTx: TxRecord[] }).__kasaTx.slice());

describe("register: IndexedDB writes with strict durability (sync S14)", () => {
  let number = "";

  test("S14 a sale's journal chunks are written in strict readwrite transactions, and nothing is written relaxed", async () => {
    const before = (await transactions(page)).length;
    await page.locator('[data-testid="item-tile"][data-item-id="espresso"]').click();
    await page.getByTestId("charge").click();
    await page.getByTestId("pay-cash").click();
    const done = page.getByTestId("sale-done");
    await done.waitFor();
    number = (await done.getAttribute("data-number")) ?? "";
    expect(number).toMatch(/^1-\d+$/);
    await page.screenshot({ path: screenshotPath("register-strict-durability-sale") });

    const all = await transactions(page);
    const writes = all.filter((t) => t.db === "kasa-register" && t.mode === "readwrite");
    const saleWrites = writes.filter((t) => all.indexOf(t) >= before);
    // The sale (S1: done only after the flush) wrote document chunks: the journal's among them.
    const chunkPuts = saleWrites.flatMap((t) => t.puts).filter((k) => /\/(incremental|snapshot)\//.test(k));
    expect(chunkPuts.length).toBeGreaterThan(0);
    expect(writes.length).toBeGreaterThan(saleWrites.length); // pairing and opening wrote too
    for (const t of writes) {
      expect(t.asked, `transaction writing ${t.puts.join(", ") || "(deletes)"}`).toBe("strict");
      expect(t.durability, `transaction writing ${t.puts.join(", ") || "(deletes)"}`).toBe("strict");
    }
  });

  test("S14 control: the recorder sees a transaction opened without the option as not strict", async () => {
    const recorded = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open("kasa-durability-control", 1);
        r.onupgradeneeded = () => r.result.createObjectStore("s");
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      db.transaction("s", "readwrite").objectStore("s").put(1, "k");
      db.close();
      const log = (window as unknown as { __kasaTx: TxRecord[] }).__kasaTx;
      return log.filter((t) => t.db === "kasa-durability-control");
    });
    expect(recorded).toEqual([{ db: "kasa-durability-control", mode: "readwrite", asked: "none", durability: "default", puts: ["k"] }]);
  });

  test("S14 the sale is still there after a reload", async () => {
    await page.reload();
    await page.getByTestId("till").waitFor({ timeout: 30_000 });
    await page.getByTestId("tab-receipts").click();
    const row = page.locator(`[data-testid="receipt-row"][data-number="${number}"]`);
    await row.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath("register-strict-durability-reloaded") });
    // After the reload too, every write is strict.
    const writes = (await transactions(page)).filter((t) => t.db === "kasa-register" && t.mode === "readwrite");
    expect(writes.every((t) => t.durability === "strict")).toBe(true);
  });
});
