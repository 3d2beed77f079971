// Benchmarks (issue 7): figures with min / median / p95 / p99 and ratios against baselines measured
// in the same run — these machines are shared and noisy, an absolute time alone proves little. Not
// tests: nothing here fails on a time. Results go to test-results/bench.json.
//   pnpm bench                      full run (a few minutes)
//   KASA_BENCH_QUICK=1 pnpm bench   small counts, to check the harness
//   KASA_BENCH_SALES / _HISTORY / _CATCHUP override single counts
import { mkdtemp, rm, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startRelayProcess, type RelayProcess } from "../support/relay-process.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { openNodeRegister, type NodeRegister } from "../support/node-register.js";
import { pairRegister, type PairedRegister } from "@kasa/sync";
import { saleCommit } from "./sale-commit.js";
import { catchUp } from "./catch-up.js";
import { liveLatency } from "./live-latency.js";
import { appTransferBytes, folderBytes } from "./sizes.js";
import { fmt, type Summary } from "./stats.js";

const quick = process.env.KASA_BENCH_QUICK === "1";
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const N = {
  sales: env("KASA_BENCH_SALES", quick ? 50 : 1000),
  history: env("KASA_BENCH_HISTORY", quick ? 500 : 10_000),
  perDay: quick ? 100 : 500,
  catchUpPerRegister: env("KASA_BENCH_CATCHUP", quick ? 200 : 2000),
  live: quick ? 10 : 50,
};

const rows: string[] = [];
const row = (name: string, s: Summary, unit = "ms") =>
  rows.push(`${name.padEnd(52)} ${String(s.n).padStart(6)} ${fmt(s.min).padStart(8)} ${fmt(s.median).padStart(8)} ${fmt(s.p95).padStart(8)} ${fmt(s.p99).padStart(8)}  ${unit}`);
const line = (text: string) => rows.push(text);

async function main() {
  const root = await mkdtemp(join(tmpdir(), "kasa-bench-"));
  const dataDir = join(root, "relay");
  const port = await freePort();
  let relay: RelayProcess = await startRelayProcess({ dataDir, port });
  const results: Record<string, unknown> = { machine: `${process.platform} ${process.arch}, node ${process.version}, 2 cores`, date: new Date().toISOString(), counts: N };
  try {
    // Pair every device while the relay is up, and let each fetch the store's documents once.
    const codes = await Promise.all([1, 2, 1, 2].map((n) => demoPairingCode(relay.url, n)));
    const paired: PairedRegister[] = [];
    for (const code of codes) {
      const p = await pairRegister(relay.url, code);
      if (!p.ok) throw new Error(p.error.message);
      paired.push(p.value);
    }
    const dirs = ["p1", "p2", "c1", "c2"].map((d) => join(root, d));
    for (const [i, p] of paired.entries()) {
      const r = await openNodeRegister(dirs[i]!, p, relay.url);
      await r.waitFor((s) => s.connection.state === "connected");
      await r.close();
    }
    await relay.stop();

    const queue = [...paired];
    const sc = await saleCommit(root, async () => queue.shift()!, relay.url, N);
    row("P1 sale commit, Node disk, empty history", sc.p1);
    row(`P2 sale commit, ${N.history} events in history`, sc.p2);
    row("   baseline: SQLite WAL synchronous=FULL insert", sc.floor);
    line(`   P1 ratio to SQLite (median): ${(sc.p1.median / sc.floor.median).toFixed(1)}×   P2/P1 (median): ${(sc.p2.median / sc.p1.median).toFixed(2)}`);
    results.P1 = sc.p1;
    results.P2 = sc.p2;
    results.sqliteFloor = sc.floor;

    const registers: NodeRegister[] = [];
    for (const i of [2, 3]) registers.push(await openNodeRegister(dirs[i]!, paired[i]!, relay.url));
    await Promise.all(registers.map((r) => r.sellMany(N.catchUpPerRegister)));
    const cu = await catchUp(registers, async () => (relay = await startRelayProcess({ dataDir, port })));
    line(`P4 catch-up: 2 × ${N.catchUpPerRegister} offline receipts durable on the relay ${fmt(cu.durableMs)} ms after start (relay boot ${fmt(cu.relayStartMs)} ms)`);
    results.P4 = cu;

    const live = await liveLatency(registers[0]!, relay.url, { email: "owner@demo.kasa", password: "kasa-demo" }, N.live);
    row("P5 online sale → back office live stream", live);
    results.P5 = live;

    const receiptsOnRelay = N.history + 2 * N.sales + 2 * N.catchUpPerRegister + N.live;
    for (const r of registers) await r.close();
    await relay.stop();
    const relayBytes = await folderBytes(dataDir);
    const deviceBytes = await folderBytes(dirs[2]!);
    const app = await appTransferBytes(fileURLToPath(new URL("../../apps/register/dist", import.meta.url)));
    line(`P8 relay disk (3 SQLite files, incl. read model): ${(relayBytes / receiptsOnRelay).toFixed(0)} B/receipt; device disk: ${(deviceBytes / (N.catchUpPerRegister + N.live)).toFixed(0)} B/receipt`);
    line(`P8 register app transfer: ${app.files} files, ${(app.raw / 1024).toFixed(0)} KiB raw, ${(app.gzip / 1024).toFixed(0)} KiB gzip`);
    results.P8 = { relayBytesPerReceipt: relayBytes / receiptsOnRelay, deviceBytesPerReceipt: deviceBytes / (N.catchUpPerRegister + N.live), app };

    console.log(`\n${"figure".padEnd(52)} ${"n".padStart(6)} ${"min".padStart(8)} ${"median".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)}`);
    console.log(rows.join("\n"));
    await mkdir("test-results", { recursive: true });
    await writeFile("test-results/bench.json", JSON.stringify(results, null, 2));
    console.log("\nwritten test-results/bench.json");
  } finally {
    await relay.stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
