import { randomUUID } from "node:crypto";
import { completeSale, priceTicket, type ItemId, type RegisterId, type SaleCompleted, type ShiftId, type StoreId } from "@kasa/domain";
import { DEMO_STORE } from "../../src/index.js";

export const STORE = "store-1" as StoreId;
export const REG = "reg-1" as RegisterId;
export const items = Object.values(DEMO_STORE.catalog.items).filter((i) => !i.variants?.length && i.soldBy === "each" && i.price > 0);
let seq = 1000;

export function nextSeq(): number {
  return ++seq;
}

export function sale(at: number, opts: { itemIndex?: number; qty?: number; shiftId?: string; type?: "cash" | "card" } = {}): SaleCompleted {
  const item = items[opts.itemIndex ?? 0]!;
  const priced = priceTicket(DEMO_STORE.catalog, [{ itemId: item.id as ItemId, quantityMilli: 1000 * (opts.qty ?? 1) }]);
  if (!priced.ok) throw new Error(priced.error.message);
  const total = priced.value.total;
  const s = nextSeq();
  const r = completeSale(
    { catalog: DEMO_STORE.catalog, currency: DEMO_STORE.settings.currency, storeId: STORE, registerId: REG, registerNumber: 1, sequence: s, eventId: randomUUID() as never, now: at, ...(opts.shiftId ? { shiftId: opts.shiftId as ShiftId } : {}) },
    { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 * (opts.qty ?? 1) }], payments: [opts.type === "cash" ? { type: "cash", received: total } : { type: "card", amount: total }] } as never,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

