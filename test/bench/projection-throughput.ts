/**
 * Benchmark (issue 6): the relay's projection keeps up with 50 receipts a second.
 *
 *   cd /work/main/test && npx tsx bench/projection-throughput.ts [receipts] [registers]
 *
 * Drives the relay's own `Projector` the way the relay does after each durable flush: one receipt
 * arrives in one register's day journal (an Automerge document that grows through the run), and the
 * projector reads that journal's new events, validates them and writes them into the read model
 * (receipt row, line and payment split, rollup — the real schema and triggers). Times each
 * projection and reports receipts per second sustained (1000 / mean ms), against a same-run
 * baseline: inserting the same receipts straight into a fresh read model (`ReadModel.addReceipts`,
 * no document read, no validation) — the floor any projection pays for the SQLite writes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import * as A from "@automerge/automerge";
import { completeSale, newEventId, priceTicket, type BusinessDay, type EventId, type ItemId, type RegisterId, type SaleCompleted, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc } from "@kasa/documents";
import { DEMO_STORE } from "../../relay-server/src/index.js";
import { Directory } from "../../relay-server/src/db/directory.js";
import { openRelayDb } from "../../relay-server/src/db/relay-db.js";
import { Projector } from "../../relay-server/src/read-model/projector.js";
import { ReadModel } from "../../relay-server/src/read-model/read-model.js";
import { fmt, summarize, type Summary } from "./stats.js";

/** The requirement: the projection keeps up with 50 receipts a second. */
export const PROJECTION_TARGET_PER_SECOND = 50;

export interface ProjectionThroughput {
  readonly receipts: number;
  readonly registers: number;
  /** ms to project one arriving receipt through the relay's Projector. */
  readonly perReceipt: Summary;
  /** Same-run baseline: ms to insert one receipt straight into a read model. */
  readonly baseline: Summary;
  /** Sustained rate: receipts / total projection time. */
  readonly receiptsPerSecond: number;
  readonly baselinePerSecond: number;
  /** Mean ms per receipt over the last tenth of the run (the journals at their largest). */
  readonly lastTenthMeanMs: number;
}

const STORE = "bench-store" as StoreId;
const ids = { now: Date.now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };

/** `receipts` sales spread round-robin over `registers` day journals (a busy day: 5 × 400 by default). */
export async function projectionThroughput(receipts = 2000, registers = 5): Promise<ProjectionThroughput> {
  const dir = mkdtempSync(join(tmpdir(), "kasa-bench-projection-"));
  const directory = new Directory(openRelayDb(join(dir, "relay.sqlite")));
  const readModel = new ReadModel(join(dir, "read-model.sqlite"));
  const baselineModel = new ReadModel(join(dir, "baseline", "read-model.sqlite"));
  try {
    const now = Date.now();
    directory.createStore({ storeId: STORE, name: "Bench", storeDocUrl: "automerge:bench" }, now);
    const regs = Array.from({ length: registers }, (_, i) => ({ registerId: `bench-reg-${i + 1}` as RegisterId, number: i + 1, docId: `bench-journal-${i + 1}` }));
    for (const r of regs) {
      directory.createRegister({ registerId: r.registerId, storeId: STORE, number: r.number, name: `Register ${r.number}`, registerDocUrl: `automerge:reg-${r.number}` }, now);
      directory.claimDocument(r.docId, { storeId: STORE, registerId: r.registerId }, now);
    }
    const events = Array.from({ length: receipts }, (_, k) => saleOf(regs[k % registers]!, Math.floor(k / registers) + 1, now - (receipts - k) * 1000, k));
    const journals = regs.map((r) => A.from(initialJournalDoc(STORE, r.registerId, "2026-11-29" as BusinessDay) as unknown as Record<string, unknown>));

    // The projector logs only quarantined events (none here); pino is not a dependency of this package.
    const silent = { warn() {}, info() {}, error() {}, debug() {}, child: () => silent } as unknown as ConstructorParameters<typeof Projector>[2];
    const projector = new Projector(readModel, directory, silent);
    const samples: number[] = [];
    for (let k = 0; k < receipts; k++) {
      const j = k % registers;
      journals[j] = A.change(journals[j]!, (d) => appendEvent(d as never, events[k]!));
      const t0 = performance.now();
      projector.projectDoc(regs[j]!.docId, journals[j]);
      samples.push(performance.now() - t0);
    }
    if (readModel.counts().receipts !== receipts) throw new Error(`projected ${readModel.counts().receipts} of ${receipts} receipts (quarantined ${readModel.counts().quarantined})`);

    const base: number[] = [];
    for (let k = 0; k < receipts; k++) {
      const t0 = performance.now();
      baselineModel.addReceipts(regs[k % registers]!.docId, [events[k]!], now);
      base.push(performance.now() - t0);
    }
    const total = samples.reduce((a, b) => a + b, 0);
    const baseTotal = base.reduce((a, b) => a + b, 0);
    const tail = samples.slice(Math.floor(receipts * 0.9));
    return {
      receipts,
      registers,
      perReceipt: summarize(samples),
      baseline: summarize(base),
      receiptsPerSecond: (receipts * 1000) / total,
      baselinePerSecond: (receipts * 1000) / baseTotal,
      lastTenthMeanMs: tail.reduce((a, b) => a + b, 0) / tail.length,
    };
  } finally {
    readModel.close();
    baselineModel.close();
    directory.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const items = Object.values(DEMO_STORE.catalog.items).filter((i) => !i.variants?.length && i.soldBy === "each" && i.price > 0);

function saleOf(reg: { registerId: RegisterId; number: number }, sequence: number, at: number, k: number): SaleCompleted {
  const item = items[k % items.length]!;
  const lines = [{ itemId: item.id as ItemId, quantityMilli: 1000 * (1 + (k % 3)) }];
  const priced = priceTicket(DEMO_STORE.catalog, lines);
  if (!priced.ok) throw new Error(priced.error.message);
  const r = completeSale(
    { catalog: DEMO_STORE.catalog, currency: DEMO_STORE.settings.currency, storeId: STORE, registerId: reg.registerId, registerNumber: reg.number, sequence, eventId: newEventId(ids) as EventId, now: at },
    { lines, payments: [k % 2 ? { type: "card", amount: priced.value.total } : { type: "cash", received: priced.value.total }] } as never,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Lines for a report, in the style of run.ts. */
export function projectionThroughputReport(r: ProjectionThroughput): string[] {
  const s = (x: Summary) => `min ${fmt(x.min)} / median ${fmt(x.median)} / p95 ${fmt(x.p95)} / p99 ${fmt(x.p99)} ms`;
  return [
    `projection: ${r.receipts} receipts over ${r.registers} register journals, one receipt per projection`,
    `   per receipt: ${s(r.perReceipt)}; last tenth mean ${fmt(r.lastTenthMeanMs)} ms`,
    `   baseline: straight read-model insert: ${s(r.baseline)}`,
    `   sustained ${Math.round(r.receiptsPerSecond)} receipts/s (baseline ${Math.round(r.baselinePerSecond)}/s, ratio ${(r.perReceipt.median / r.baseline.median).toFixed(1)}× median); target ${PROJECTION_TARGET_PER_SECOND}/s: ${r.receiptsPerSecond >= PROJECTION_TARGET_PER_SECOND ? "met" : "NOT met"} (${(r.receiptsPerSecond / PROJECTION_TARGET_PER_SECOND).toFixed(1)}× headroom)`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await projectionThroughput(Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 5));
  for (const line of projectionThroughputReport(result)) console.log(line);
}
