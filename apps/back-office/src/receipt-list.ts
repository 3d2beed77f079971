import type { ReceiptRow } from "./api.js";
import { dayKey } from "./store-format.js";

/** The relay's order: newest first by device time, ties broken by event id (descending). */
export function newestFirst(a: ReceiptRow, b: ReceiptRow): number {
  if (a.deviceTime !== b.deviceTime) return b.deviceTime - a.deviceTime;
  return a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0;
}

export interface MergeResult {
  readonly rows: ReceiptRow[];
  /** Event ids that were not in the list before. */
  readonly added: string[];
}

/**
 * Merges incoming rows (a live batch, a refreshed first page, an older page) into the loaded list,
 * by event id so a receipt delivered twice shows once, and keeps the list newest first.
 * While older pages are still unloaded, a row older than the oldest loaded one is left for
 * "Load more" to bring, so the list never has holes.
 */
export function mergeReceipts(current: readonly ReceiptRow[], incoming: readonly ReceiptRow[], hasMore: boolean): MergeResult {
  const known = new Set(current.map((r) => r.eventId));
  const oldest = current.at(-1);
  const added: ReceiptRow[] = [];
  for (const row of incoming) {
    if (known.has(row.eventId)) continue;
    if (hasMore && oldest && newestFirst(row, oldest) > 0) continue;
    known.add(row.eventId);
    added.push(row);
  }
  if (added.length === 0) return { rows: current as ReceiptRow[], added: [] };
  return { rows: [...current, ...added].sort(newestFirst), added: added.map((r) => r.eventId) };
}

export interface TodaySummary {
  readonly day: string;
  readonly count: number;
  readonly total: number;
  readonly average: number;
  readonly currency: string | undefined;
  readonly lastAt: number | undefined;
  /** True when older pages are unloaded and the loaded rows don't reach back to the start of today. */
  readonly partial: boolean;
}

/** Today's receipts (store time zone) among the loaded rows. */
export function todaySummary(rows: readonly ReceiptRow[], now: number, hasMore: boolean): TodaySummary {
  const day = dayKey(now);
  const today = rows.filter((r) => dayKey(r.deviceTime) === day);
  const currency = today[0]?.currency ?? rows[0]?.currency;
  const counted = today.filter((r) => r.currency === currency);
  const total = counted.reduce((s, r) => s + r.total, 0);
  const oldest = rows.at(-1);
  return {
    day,
    count: counted.length,
    total,
    average: counted.length ? Math.round(total / counted.length) : 0,
    currency,
    lastAt: counted[0]?.deviceTime,
    partial: hasMore && oldest !== undefined && dayKey(oldest.deviceTime) === day,
  };
}
