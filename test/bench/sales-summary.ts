/**
 * Benchmark: the back office's sales summary over 550,000 receipts.
 *
 *   cd /work/main/test && npx tsx bench/sales-summary.ts [rows]
 *
 * Seeds rows straight into a fresh read-model SQLite file (the real schema, triggers included),
 * then times the summary query the dashboard runs — a custom range covering every row (the worst
 * case, with the previous period too) and "this month" — against a baseline `SELECT count(*)`
 * over the same table measured in the same run. Prints min / median / p95 in ms and the ratios.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReadModel } from "../../relay-server/src/read-model/read-model.js";
import { resolvePeriod, salesSummary } from "../../relay-server/src/read-model/reports.js";
import { localDateOf, addDays } from "../../relay-server/src/read-model/reports-time.js";

const ROWS = Number(process.argv[2] ?? 550_000);
const RUNS = 15;
const TZ = "Europe/Warsaw";
const STORE = "bench-store";
const NOW = Date.parse("2026-11-29T15:00:00Z");
const SPAN_MS = 364 * 86_400_000;

const dir = mkdtempSync(join(tmpdir(), "kasa-bench-"));
const rm = new ReadModel(join(dir, "read_model.sqlite"));
const db = rm.db;

const t0 = performance.now();
const insert = db.prepare(`INSERT INTO receipts (event_id, doc_id, store_id, register_id, register_number, number, device_time, received_at, total, subtotal, tax, currency, payment_types, line_count, body)
  VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'PLN', ?, 1, ?)`);
const batch = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const t = NOW - SPAN_MS + Math.floor((i / ROWS) * SPAN_MS);
    const price = 500 + (i % 37) * 100;
    const tax = Math.round(price * 0.08);
    const pay = i % 3 === 0 ? "cash" : "card";
    const discount = i % 10 === 0 ? 100 : 0;
    const body = `{"payload":{"receipt":{"discountTotal":${discount},"lines":[{"itemId":"item-${i % 40}","name":"Item ${i % 40}","quantityMilli":1000,"gross":${price},"discounts":[]}],"payments":[{"type":"${pay}","amount":${price - discount}}]}}}`;
    insert.run(`e${i}`, `doc-${i % 200}`, STORE, `reg-${i % 4}`, `1-${i}`, t, t, price - discount, price, tax, pay, body);
  }
});
for (let i = 0; i < ROWS; i += 10_000) batch(i, Math.min(ROWS, i + 10_000));
db.exec("ANALYZE");
const seedMs = performance.now() - t0;

function time(fn: () => unknown): { min: number; median: number; p95: number } {
  fn(); // warm
  const xs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    fn();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  return { min: xs[0]!, median: xs[Math.floor(xs.length / 2)]!, p95: xs[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]! };
}

const count = db.prepare("SELECT count(*) AS n FROM receipts");
const baseline = time(() => count.get());
const today = localDateOf(NOW, TZ);
const year = resolvePeriod("custom", NOW, TZ, { from: addDays(today, -365), to: today });
let checked = 0;
const full = time(() => (checked = salesSummary(db, STORE, year, TZ).current.receipts));
const month = time(() => salesSummary(db, STORE, resolvePeriod("month", NOW, TZ), TZ));

const f = (x: { min: number; median: number; p95: number }) => `min ${x.min.toFixed(1)} ms  median ${x.median.toFixed(1)} ms  p95 ${x.p95.toFixed(1)} ms`;
console.log(`rows ${ROWS} (seeded in ${(seedMs / 1000).toFixed(1)} s), summary counted ${checked} receipts`);
console.log(`baseline SELECT count(*):           ${f(baseline)}`);
console.log(`summary, all rows (366-day range):  ${f(full)}  ratio ${(full.median / baseline.median).toFixed(1)}× baseline`);
console.log(`summary, this month:                ${f(month)}  ratio ${(month.median / baseline.median).toFixed(1)}× baseline`);
console.log(full.p95 <= 200 ? "OK: p95 within the 200 ms target" : "SLOW: p95 above the 200 ms target");
rm.close();
rmSync(dir, { recursive: true, force: true });
