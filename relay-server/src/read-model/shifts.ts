import type Database from "better-sqlite3";
import { shiftReport, type KasaEvent, type ShiftCashMoved, type ShiftClosed, type ShiftId, type ShiftOpened, type ShiftReport } from "@kasa/domain";
import { tableExists } from "./reports-schema.js";

export type ShiftEvent = ShiftOpened | ShiftCashMoved | ShiftClosed;

export function isShiftEvent(e: KasaEvent): e is ShiftEvent {
  return e.type === "shift.opened" || e.type === "shift.cash-moved" || e.type === "shift.closed";
}

/** Stores shift events, idempotent by event id; returns how many were new. */
export function addShiftEvents(db: Database.Database, docId: string, events: readonly ShiftEvent[], receivedAt: number): number {
  if (events.length === 0) return 0;
  const insert = db.prepare(`INSERT OR IGNORE INTO shift_events (event_id, doc_id, store_id, register_id, shift_id, type, device_time, received_at, body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let added = 0;
  db.transaction(() => {
    for (const e of events) added += insert.run(e.id, docId, e.storeId, e.registerId, e.payload.shiftId, e.type, e.deviceTime, receivedAt, JSON.stringify(e)).changes;
  })();
  return added;
}

export interface ShiftListEntry {
  readonly shiftId: string;
  readonly registerId: string;
  readonly openedAt: number;
  readonly closedAt: number | null;
  readonly report: ShiftReport;
}

/**
 * Shifts of a store, newest first, each with its report computed by the domain's reducer from the
 * shift's events, its sales (cancelled receipts excluded) and its refunds.
 */
export function listShifts(db: Database.Database, storeId: string, options: { registerId?: string; from?: number; to?: number; limit: number }): ShiftListEntry[] {
  const where = ["store_id = ?", "type = 'shift.opened'"];
  const args: (string | number)[] = [storeId];
  if (options.registerId) (where.push("register_id = ?"), args.push(options.registerId));
  if (options.from !== undefined) (where.push("device_time >= ?"), args.push(options.from));
  if (options.to !== undefined) (where.push("device_time < ?"), args.push(options.to));
  const opened = db
    .prepare(`SELECT shift_id AS shiftId, register_id AS registerId, device_time AS openedAt FROM shift_events WHERE ${where.join(" AND ")} ORDER BY device_time DESC LIMIT ?`)
    .all(...args, options.limit) as { shiftId: string; registerId: string; openedAt: number }[];
  return opened.flatMap((s) => {
    const report = shiftReportFor(db, storeId, s.shiftId);
    return report ? [{ shiftId: s.shiftId, registerId: s.registerId, openedAt: s.openedAt, closedAt: report.closedAt ?? null, report }] : [];
  });
}

export function shiftReportFor(db: Database.Database, storeId: string, shiftId: string): ShiftReport | undefined {
  const bodies = [
    ...(db.prepare("SELECT body FROM shift_events WHERE store_id = ? AND shift_id = ?").all(storeId, shiftId) as { body: string }[]),
    ...(db.prepare("SELECT body FROM receipts WHERE store_id = ? AND shift_id = ? AND cancelled_at IS NULL").all(storeId, shiftId) as { body: string }[]),
  ];
  if (tableExists(db, "refunds")) {
    bodies.push(...(db.prepare("SELECT body FROM refunds WHERE store_id = ? AND json_extract(body, '$.payload.refund.shiftId') = ?").all(storeId, shiftId) as { body: string }[]));
  }
  return shiftReport(shiftId as ShiftId, bodies.map((b) => JSON.parse(b.body) as KasaEvent));
}
