import type Database from "better-sqlite3";
import type { Catalog } from "@kasa/domain";
import { GRANULE_MS, tableExists } from "./reports-schema.js";
import { addDays, addMonths, daysBetween, formatLocalDate, localDateOf, localParts, startOfLocalDay, weekday, type LocalDate } from "./reports-time.js";

export type PeriodName = "today" | "yesterday" | "week" | "month" | "custom";
export type BucketSize = "hour" | "day" | "week" | "month";

/** A half-open range of local days [from, to) with the instants it spans. */
export interface DayRange {
  readonly from: LocalDate;
  /** Exclusive. */
  readonly to: LocalDate;
  readonly start: number;
  readonly end: number;
}

export interface ResolvedPeriod {
  readonly current: DayRange;
  readonly previous: DayRange;
  readonly bucket: BucketSize;
}

/** Custom ranges are at most this many days (a year and a day for leap years). */
export const MAX_RANGE_DAYS = 366;

function range(from: LocalDate, to: LocalDate, timeZone: string): DayRange {
  return { from, to, start: startOfLocalDay(from, timeZone), end: startOfLocalDay(to, timeZone) };
}

/**
 * Resolves a report period in the store's zone. "custom" takes inclusive local dates. The previous
 * period is the one just before, of the same kind (yesterday, last week, last month, or as many days).
 */
export function resolvePeriod(period: PeriodName, now: number, timeZone: string, custom?: { from: LocalDate; to: LocalDate }): ResolvedPeriod {
  const today = localDateOf(now, timeZone);
  switch (period) {
    case "today":
      return { current: range(today, addDays(today, 1), timeZone), previous: range(addDays(today, -1), today, timeZone), bucket: "hour" };
    case "yesterday": {
      const y = addDays(today, -1);
      return { current: range(y, today, timeZone), previous: range(addDays(y, -1), y, timeZone), bucket: "hour" };
    }
    case "week": {
      const monday = addDays(today, 1 - weekday(today));
      return { current: range(monday, addDays(monday, 7), timeZone), previous: range(addDays(monday, -7), monday, timeZone), bucket: "day" };
    }
    case "month": {
      const first = { y: today.y, m: today.m, d: 1 };
      return { current: range(first, addMonths(first, 1), timeZone), previous: range(addMonths(first, -1), first, timeZone), bucket: "day" };
    }
    case "custom": {
      if (!custom) throw new RangeError("custom period needs from and to");
      const to = addDays(custom.to, 1);
      const days = daysBetween(custom.from, to);
      const bucket: BucketSize = days <= 2 ? "hour" : days <= 62 ? "day" : days <= 190 ? "week" : "month";
      return { current: range(custom.from, to, timeZone), previous: range(addDays(custom.from, -days), custom.from, timeZone), bucket };
    }
  }
}

export interface Bucket {
  readonly start: number;
  readonly end: number;
  /** Local label: "14:00" for hours, "2026-03-29" for days/weeks, "2026-03" for months. */
  readonly label: string;
}

/** Bucket boundaries of a range: real hours (23 or 25 on a DST day), local days, weeks from the range start, months. */
export function buckets(r: DayRange, size: BucketSize, timeZone: string): Bucket[] {
  const out: Bucket[] = [];
  if (size === "hour") {
    for (let t = r.start; t < r.end; t += 3_600_000) {
      const p = localParts(t, timeZone);
      out.push({ start: t, end: Math.min(t + 3_600_000, r.end), label: `${String(p.h).padStart(2, "0")}:${String(p.min).padStart(2, "0")}` });
    }
    return out;
  }
  let d = r.from;
  while (daysBetween(d, r.to) > 0) {
    let next = size === "day" ? addDays(d, 1) : size === "week" ? addDays(d, 7) : addMonths(d, 1);
    if (daysBetween(next, r.to) < 0) next = r.to;
    out.push({ start: startOfLocalDay(d, timeZone), end: startOfLocalDay(next, timeZone), label: size === "month" ? formatLocalDate(d).slice(0, 7) : formatLocalDate(d) });
    d = next;
  }
  return out;
}

export interface SalesTotals {
  grossSales: number;
  refunds: number;
  discounts: number;
  /** gross − discounts − refunds (domain.md §1.15, D23). */
  netSales: number;
  taxes: number;
  receipts: number;
  refundReceipts: number;
  /** Net sales per sale receipt, rounded to the minor unit. */
  averageSale: number;
}


interface Granule {
  g: number;
  gross: number;
  discount: number;
  tax: number;
  n: number;
}

/**
 * Sales sums per bucket in one query: the buckets are a VALUES table driving a range scan of the
 * rollup's primary key (store_id, g) per bucket, so SQLite returns one row per bucket however many
 * granules the range holds (a year: ~35,000).
 */
function saleBuckets(db: Database.Database, storeId: string, bs: readonly Bucket[]): (Omit<Granule, "g"> & { i: number })[] {
  if (bs.length === 0) return [];
  const values = bs.map(() => "(?, ?, ?)").join(", ");
  const args: number[] = [];
  bs.forEach((b, i) => args.push(i, Math.ceil(b.start / GRANULE_MS), Math.ceil(b.end / GRANULE_MS)));
  return db
    .prepare(
      `WITH b(i, lo, hi) AS (VALUES ${values})
       SELECT b.i AS i, sum(r.gross) AS gross, sum(r.discount) AS discount, sum(r.tax) AS tax, sum(r.n) AS n
       FROM b CROSS JOIN sales_rollup r
       WHERE r.store_id = ? AND r.g >= b.lo AND r.g < b.hi
       GROUP BY b.i`,
    )
    .all(...args, storeId) as (Omit<Granule, "g"> & { i: number })[];
}

function refundGranules(db: Database.Database, storeId: string, start: number, end: number): Granule[] {
  if (!tableExists(db, "refunds")) return [];
  return db
    .prepare(
      `SELECT device_time / ${GRANULE_MS} AS g, sum(gross) AS gross, sum(discount) AS discount, sum(tax) AS tax, count(*) AS n
       FROM refunds WHERE store_id = ? AND device_time >= ? AND device_time < ?
         AND event_id NOT IN (SELECT event_id FROM receipt_cancellations WHERE store_id = ?) GROUP BY g`,
    )
    .all(storeId, start, end, storeId) as Granule[];
}

function emptyTotals(): SalesTotals {
  return { grossSales: 0, refunds: 0, discounts: 0, netSales: 0, taxes: 0, receipts: 0, refundReceipts: 0, averageSale: 0 };
}

function finish(t: SalesTotals): SalesTotals {
  t.netSales = t.grossSales - t.discounts - t.refunds;
  t.averageSale = t.receipts > 0 ? Math.round(t.netSales / t.receipts) : 0;
  return t;
}

function totalsByBucket(db: Database.Database, storeId: string, r: DayRange, bs: readonly Bucket[]): { total: SalesTotals; perBucket: SalesTotals[] } {
  const total = emptyTotals();
  const perBucket = bs.map(() => emptyTotals());
  const find = (t: number) => {
    let lo = 0;
    let hi = bs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bs[mid]!.start <= t) lo = mid;
      else hi = mid - 1;
    }
    return perBucket[lo]!;
  };
  for (const s of saleBuckets(db, storeId, bs)) {
    for (const t of [total, perBucket[s.i]!]) {
      t.grossSales += s.gross;
      t.discounts += s.discount;
      t.taxes += s.tax;
      t.receipts += s.n;
    }
  }
  // Refunds are valued like gross sales; their discounts reduce the discount total (D23).
  for (const s of refundGranules(db, storeId, r.start, r.end)) {
    for (const t of [total, find(s.g * GRANULE_MS)]) {
      t.refunds += s.gross;
      t.discounts -= s.discount;
      t.taxes -= s.tax;
      t.refundReceipts += s.n;
    }
  }
  return { total: finish(total), perBucket: perBucket.map(finish) };
}

export interface SalesSummary {
  readonly period: { readonly from: string; readonly to: string; readonly start: number; readonly end: number };
  readonly previousPeriod: { readonly from: string; readonly to: string; readonly start: number; readonly end: number };
  readonly bucket: BucketSize;
  readonly current: SalesTotals;
  readonly previous: SalesTotals;
  readonly series: readonly { readonly start: number; readonly label: string; readonly netSales: number; readonly grossSales: number; readonly receipts: number; readonly previousNetSales: number | null }[];
}

const describe = (r: DayRange) => ({ from: formatLocalDate(r.from), to: formatLocalDate(addDays(r.to, -1)), start: r.start, end: r.end });

/** The dashboard's numbers: totals for the period and the one before, and net sales per bucket for both. */
export function salesSummary(db: Database.Database, storeId: string, p: ResolvedPeriod, timeZone: string): SalesSummary {
  const cb = buckets(p.current, p.bucket, timeZone);
  const pb = buckets(p.previous, p.bucket, timeZone);
  const cur = totalsByBucket(db, storeId, p.current, cb);
  const prev = totalsByBucket(db, storeId, p.previous, pb);
  return {
    period: describe(p.current),
    previousPeriod: describe(p.previous),
    bucket: p.bucket,
    current: cur.total,
    previous: prev.total,
    series: cb.map((b, i) => ({ start: b.start, label: b.label, netSales: cur.perBucket[i]!.netSales, grossSales: cur.perBucket[i]!.grossSales, receipts: cur.perBucket[i]!.receipts, previousNetSales: prev.perBucket[i]?.netSales ?? null })),
  };
}

export interface ItemSales {
  itemId: string;
  name: string;
  categoryId: string | null;
  quantityMilli: number;
  grossSales: number;
  discounts: number;
  refunds: number;
  refundedQuantityMilli: number;
  netSales: number;
}

/** Sales by item in a range; refunds of an item count against it, like Loyverse's "Sales by item". */
export function salesByItem(db: Database.Database, storeId: string, start: number, end: number, catalog?: Catalog): ItemSales[] {
  const rows = db
    .prepare(
      `SELECT item_id AS itemId, max(name) AS name, sum(quantity_milli) AS q, sum(gross) AS gross, sum(discount) AS discount
       FROM receipt_lines WHERE store_id = ? AND device_time >= ? AND device_time < ? AND cancelled = 0 GROUP BY item_id`,
    )
    .all(storeId, start, end) as { itemId: string; name: string; q: number; gross: number; discount: number }[];
  const byId = new Map<string, ItemSales>();
  const get = (itemId: string, name: string) => {
    let s = byId.get(itemId);
    if (!s) {
      s = { itemId, name: catalog?.items[itemId]?.name ?? name, categoryId: catalog?.items[itemId]?.categoryId ?? null, quantityMilli: 0, grossSales: 0, discounts: 0, refunds: 0, refundedQuantityMilli: 0, netSales: 0 };
      byId.set(itemId, s);
    }
    return s;
  };
  for (const r of rows) {
    const s = get(r.itemId, r.name);
    s.quantityMilli += r.q;
    s.grossSales += r.gross;
    s.discounts += r.discount;
  }
  if (tableExists(db, "refunds")) {
    const refunded = db
      .prepare(
        `SELECT json_extract(l.value, '$.itemId') AS itemId, max(json_extract(l.value, '$.name')) AS name, sum(json_extract(l.value, '$.quantityMilli')) AS q,
                sum(json_extract(l.value, '$.gross')) AS gross, sum(json_extract(l.value, '$.discount')) AS discount
         FROM refunds f, json_each(f.body, '$.payload.refund.lines') l
         WHERE f.store_id = ? AND f.device_time >= ? AND f.device_time < ? AND f.event_id NOT IN (SELECT event_id FROM receipt_cancellations WHERE store_id = ?)
         GROUP BY itemId`,
      )
      .all(storeId, start, end, storeId) as { itemId: string; name: string; q: number; gross: number; discount: number }[];
    for (const r of refunded) {
      const s = get(r.itemId, r.name);
      s.refunds += r.gross;
      s.refundedQuantityMilli += r.q;
      s.discounts -= r.discount;
    }
  }
  for (const s of byId.values()) s.netSales = s.grossSales - s.discounts - s.refunds;
  return [...byId.values()].sort((a, b) => b.netSales - a.netSales || a.name.localeCompare(b.name));
}

export interface CategorySales {
  categoryId: string | null;
  name: string;
  quantityMilli: number;
  grossSales: number;
  discounts: number;
  refunds: number;
  netSales: number;
}

/** Sales by category, through the current catalog's item → category (items without one: "No category"). */
export function salesByCategory(items: readonly ItemSales[], catalog?: Catalog): CategorySales[] {
  const by = new Map<string, CategorySales>();
  for (const i of items) {
    const key = i.categoryId ?? "";
    let c = by.get(key);
    if (!c) {
      c = { categoryId: i.categoryId, name: (i.categoryId && catalog?.categories[i.categoryId]?.name) || "No category", quantityMilli: 0, grossSales: 0, discounts: 0, refunds: 0, netSales: 0 };
      by.set(key, c);
    }
    c.quantityMilli += i.quantityMilli - i.refundedQuantityMilli;
    c.grossSales += i.grossSales;
    c.discounts += i.discounts;
    c.refunds += i.refunds;
    c.netSales += i.netSales;
  }
  return [...by.values()].sort((a, b) => b.netSales - a.netSales || a.name.localeCompare(b.name));
}

export interface PaymentSales {
  name: string;
  type: string;
  payments: number;
  amount: number;
  refunds: number;
  refundAmount: number;
  netAmount: number;
}

export function salesByPaymentType(db: Database.Database, storeId: string, start: number, end: number): PaymentSales[] {
  const rows = db
    .prepare(
      `SELECT name, type, count(*) AS n, sum(amount) AS amount FROM receipt_payments
       WHERE store_id = ? AND device_time >= ? AND device_time < ? AND cancelled = 0 GROUP BY name, type`,
    )
    .all(storeId, start, end) as { name: string; type: string; n: number; amount: number }[];
  const by = new Map<string, PaymentSales>();
  const get = (name: string, type: string) => {
    let p = by.get(name);
    if (!p) by.set(name, (p = { name, type, payments: 0, amount: 0, refunds: 0, refundAmount: 0, netAmount: 0 }));
    return p;
  };
  for (const r of rows) {
    const p = get(r.name, r.type);
    p.payments += r.n;
    p.amount += r.amount;
  }
  if (tableExists(db, "refunds")) {
    const refunded = db
      .prepare(
        `SELECT coalesce(json_extract(p.value, '$.name'), CASE json_extract(p.value, '$.type') WHEN 'cash' THEN 'Cash' WHEN 'card' THEN 'Card' ELSE 'Other' END) AS name,
                json_extract(p.value, '$.type') AS type, count(*) AS n, sum(json_extract(p.value, '$.amount')) AS amount
         FROM refunds f, json_each(f.payments_json) p
         WHERE f.store_id = ? AND f.device_time >= ? AND f.device_time < ? AND f.event_id NOT IN (SELECT event_id FROM receipt_cancellations WHERE store_id = ?)
         GROUP BY name, type`,
      )
      .all(storeId, start, end, storeId) as { name: string; type: string; n: number; amount: number }[];
    for (const r of refunded) {
      const p = get(r.name, r.type);
      p.refunds += r.n;
      p.refundAmount += r.amount;
    }
  }
  const order: Record<string, number> = { cash: 0, card: 1, custom: 2 };
  for (const p of by.values()) p.netAmount = p.amount - p.refundAmount;
  return [...by.values()].sort((a, b) => (order[a.type] ?? 3) - (order[b.type] ?? 3) || a.name.localeCompare(b.name));
}
