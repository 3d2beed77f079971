// Benchmarks: figures with min / median / p95 and ratios against a baseline measured in the same
// run (these machines are shared and noisy; an absolute time alone proves little). Not tests:
// nothing here fails on a time. Results go to test-results/bench.json.
import { mkdtemp, rm, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { ItemId } from "@kasa/domain";
import { freePort, startRelayProcess } from "../support/relay-process.js";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { openNodeRegister } from "../support/node-register.js";
import { summarize, fmt, type Summary } from "./stats.js";

const SALES = Number(process.env.KASA_BENCH_SALES ?? 100);

async function main() {
  const root = await mkdtemp(join(tmpdir(), "kasa-bench-"));
  const results: Record<string, unknown> = { machine: `${process.platform} ${process.arch}, node ${process.version}`, date: new Date().toISOString() };
  try {
    const dataDir = join(root, "relay");
    const port = await freePort();
    let relay = await startRelayProcess({ dataDir, port });
    const paired = await pairDemoRegister(relay.url, 1);
    const register = await openNodeRegister(join(root, "register"), paired, relay.url);
    await register.waitFor((s) => s.connection.state === "connected");
    await relay.stop();
    await register.waitFor((s) => s.connection.state !== "connected");

    // P1 (part): sale commit with the relay down — the cashier's wait, from Charge to "done".
    const item = Object.values(register.session.snapshot.store.catalog.items).find((i) => i.soldBy === "each")!;
    const commit: number[] = [];
    for (let i = 0; i < SALES; i++) {
      const t0 = performance.now();
      const r = await register.session.sell({ lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: item.price }] });
      commit.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    const receiptJson = JSON.stringify(register.session.snapshot.receipts[0]!.event);

    // Baseline: the same receipt JSON inserted into SQLite with WAL and synchronous=FULL (a durable local write floor).
    const db = new Database(join(root, "floor.sqlite"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("CREATE TABLE receipts (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO receipts (body) VALUES (?)");
    const floor: number[] = [];
    for (let i = 0; i < SALES; i++) {
      const t0 = performance.now();
      insert.run(receiptJson);
      floor.push(performance.now() - t0);
    }
    db.close();

    // Catch-up: the relay starts with SALES offline receipts waiting on the register.
    const t0 = performance.now();
    relay = await startRelayProcess({ dataDir, port });
    const started = performance.now() - t0;
    await register.waitFor((s) => s.unsyncedCount === 0, 120_000);
    const catchUp = performance.now() - t0;
    await register.close();
    await relay.stop();

    const p1 = summarize(commit);
    const base = summarize(floor);
    results.saleCommit = { ...p1, unit: "ms" };
    results.sqliteFloor = { ...base, unit: "ms" };
    results.saleCommitRatioToFloor = p1.median / base.median;
    results.catchUp = { receipts: SALES, relayStartMs: started, untilAllDurableMs: catchUp };

    const row = (name: string, s: Summary) => `${name.padEnd(44)} ${String(s.n).padStart(5)} ${fmt(s.min).padStart(8)} ${fmt(s.median).padStart(8)} ${fmt(s.p95).padStart(8)} ${fmt(s.p99).padStart(8)}`;
    console.log(`\n${"figure".padEnd(44)} ${"n".padStart(5)} ${"min".padStart(8)} ${"median".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)}   (ms)`);
    console.log(row("P1 sale commit, Node, disk storage", p1));
    console.log(row("   baseline: SQLite WAL FULL insert", base));
    console.log(`   ratio median sale commit / SQLite insert: ${(p1.median / base.median).toFixed(1)}×`);
    console.log(`P4-lite catch-up: ${SALES} offline receipts durable on the relay ${fmt(catchUp)} ms after starting it (relay boot ${fmt(started)} ms)`);
    await mkdir("test-results", { recursive: true });
    await writeFile("test-results/bench.json", JSON.stringify(results, null, 2));
    console.log("\nwritten test-results/bench.json");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
