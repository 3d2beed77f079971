import type { Page } from "playwright-core";
import { summarize, type Summary } from "./stats.js";

export interface BrowserSaleCommit {
  /** RegisterSession.sell() in the real register app: the event in IndexedDB (the Automerge IndexedDB adapter). */
  readonly sale: Summary;
  /** Baseline: one IndexedDB put of the same receipt JSON per transaction, Chromium's default durability (what the adapter gets). */
  readonly idbPut: Summary;
  /** The same put with durability "strict" (flushed to disk before complete). */
  readonly idbPutStrict: Summary;
}

/**
 * P1 in Chromium: sale commits in the register app already open on `page` (its <register-till>
 * holds the RegisterSession), against IndexedDB puts of the same receipt JSON in the same page,
 * interleaved in blocks of 50 so that both see the same machine load.
 */
export async function browserSaleCommit(page: Page, n: number): Promise<BrowserSaleCommit> {
  // tsx (esbuild, keepNames) wraps the inner functions below in __name(); the page has none.
  await page.evaluate("globalThis.__name ??= (f) => f");
  const r = await page.evaluate(async (n: number) => {
    interface Session {
      snapshot: { store: { catalog: { items: Record<string, { id: string; price: number; soldBy: string; variants?: unknown[] }> } }; receipts: { event: unknown }[] };
      sell(input: unknown): Promise<{ ok: boolean; error?: { message: string } }>;
    }
    const till = document.querySelector("register-app")?.shadowRoot?.querySelector("register-till") as unknown as { session?: Session } | null;
    const session = till?.session;
    if (!session) throw new Error("no RegisterSession on <register-till>: is the till open?");
    const item = Object.values(session.snapshot.store.catalog.items).find((i) => i.soldBy === "each" && !i.variants?.length)!;
    const sellOne = async () => {
      const t0 = performance.now();
      const r = await session.sell({ lines: [{ itemId: item.id, quantityMilli: 1000 }], payments: [{ type: "cash", received: item.price + 1000 }] });
      if (!r.ok) throw new Error(r.error?.message);
      return performance.now() - t0;
    };
    for (let i = 0; i < 20; i++) await sellOne(); // warm-up: JIT, wasm, the day's journal
    const json = JSON.stringify(session.snapshot.receipts.at(-1)!.event);

    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("kasa-bench-floor", 1);
      req.onupgradeneeded = () => req.result.createObjectStore("receipts", { autoIncrement: true });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const put = (durability: "default" | "strict") =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const tx = db.transaction("receipts", "readwrite", { durability });
        tx.objectStore("receipts").put(json);
        tx.oncomplete = () => resolve(performance.now() - t0);
        tx.onerror = () => reject(tx.error);
      });
    for (let i = 0; i < 20; i++) await put("default");

    const sale: number[] = [];
    const idbPut: number[] = [];
    const idbPutStrict: number[] = [];
    for (let done = 0; done < n; done += 50) {
      const block = Math.min(50, n - done);
      for (let i = 0; i < block; i++) sale.push(await sellOne());
      for (let i = 0; i < block; i++) idbPut.push(await put("default"));
      for (let i = 0; i < block; i++) idbPutStrict.push(await put("strict"));
    }
    db.close();
    return { sale, idbPut, idbPutStrict };
  }, n);
  return { sale: summarize(r.sale), idbPut: summarize(r.idbPut), idbPutStrict: summarize(r.idbPutStrict) };
}
