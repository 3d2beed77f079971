import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import type { IdSource, ItemId } from "@kasa/domain";
import type { PairedRegister } from "@kasa/sync";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";
import { summarize, type Summary } from "./stats.js";

const DAY_MS = 24 * 60 * 60 * 1000;

async function timeSales(register: NodeRegister, n: number): Promise<number[]> {
  const item = Object.values(register.session.snapshot.store.catalog.items).find((i) => i.soldBy === "each")!;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await register.session.sell({ lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: item.price }] });
    samples.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  return samples;
}

/** The durable-local-write floor: the same receipt JSON into SQLite with WAL and synchronous=FULL. */
export function sqliteFloor(dir: string, json: string, n: number): Summary {
  const db = new Database(join(dir, "floor.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE receipts (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO receipts (body) VALUES (?)");
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    insert.run(json);
    samples.push(performance.now() - t0);
  }
  db.close();
  return summarize(samples);
}

/**
 * P1 and P2: sale commit (event in local storage) on a register with an empty history, then on a
 * register whose storage already holds `history` events in earlier days' journals. The clock is
 * moved so that each earlier day gets its own journal, as in production.
 */
export async function saleCommit(root: string, paired: () => Promise<PairedRegister>, relayUrl: string, o: { sales: number; history: number; perDay: number }) {
  const fresh = await openNodeRegister(join(root, "p1"), await paired(), relayUrl);
  // Warm-up (JIT, wasm, first journal of the day) is not what a cashier waits for all day.
  await timeSales(fresh, 20);
  const p1 = summarize(await timeSales(fresh, o.sales));
  const json = JSON.stringify(fresh.session.snapshot.receipts[0]!.event);
  await fresh.close();

  let offset = -Math.ceil(o.history / o.perDay) * DAY_MS;
  const clock: IdSource = { now: () => Date.now() + offset, randomBytes: (n) => new Uint8Array(randomBytes(n)) };
  const dir = join(root, "p2");
  const p = await paired();
  let built = 0;
  while (built < o.history) {
    const reg = await openNodeRegister(dir, p, relayUrl, clock);
    await timeSales(reg, Math.min(o.perDay, o.history - built));
    built += o.perDay;
    await reg.close();
    offset += DAY_MS;
  }
  offset = 0;
  const loaded = await openNodeRegister(dir, p, relayUrl, clock);
  const p2 = summarize(await timeSales(loaded, o.sales));
  await loaded.close();
  return { p1, p2, floor: sqliteFloor(root, json, o.sales) };
}
