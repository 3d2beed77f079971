import { describe, expect, test } from "vitest";
import * as A from "@automerge/automerge";
import { pino } from "pino";
import { completeSale, refundSale, NOTHING_REFUNDED, type BusinessDay, type Catalog, type EventId, type ItemId, type RegisterId, type SaleCompleted, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc } from "@kasa/documents";
import { addStore, pair, startRelay, type Paired } from "./support/relay-fixture.js";
import type { RelayServer } from "../src/index.js";
import { Projector } from "../src/read-model/projector.js";
import { pointsOwed } from "../src/online/point-takebacks.js";

// RL51: refund approvals the register never used are released after refundApprovalTtlMs, on an
// injected clock (no sleeping). RL50: the points a refund owes, as a pure rule.

const catalog: Catalog = {
  items: { tea: { id: "tea" as ItemId, name: "Green tea", price: 500 as never, taxIds: [], soldBy: "each" } },
  taxes: {},
  categories: {},
};

let seq = 0;
const eventId = () => `01890a5d-ac96-774b-bcce-${String(++seq).padStart(12, "0")}` as EventId;

function sale(storeId: string, registerId: string, now: number): SaleCompleted {
  const r = completeSale(
    { catalog, currency: "EUR", storeId: storeId as StoreId, registerId: registerId as RegisterId, registerNumber: 1, sequence: 1000 + ++seq, eventId: eventId(), now },
    { lines: [{ itemId: "tea" as ItemId, quantityMilli: 2000 }], payments: [{ type: "cash", received: 1000 }] },
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const TTL = 60_000;

async function setup() {
  let clock = Date.now();
  const { relay } = await startRelay({ now: () => clock, refundApprovalTtlMs: TTL });
  const store = await addStore(relay, "A", 2, catalog);
  const reg = store.registers[0]!;
  const dev1 = await pair(relay, store.storeId, reg.registerId);
  const dev2 = await pair(relay, store.storeId, store.registers[1]!.registerId);
  const s1 = sale(store.storeId, reg.registerId, clock);
  const s2 = sale(store.storeId, reg.registerId, clock);
  relay.readModel.addReceipts("doc-sales", [s1, s2], clock);
  // Refund receipts of register 1 arrive through a journal, as the projector sees them.
  let journal = A.from(initialJournalDoc(store.storeId as StoreId, reg.registerId as RegisterId, "2026-11-29" as BusinessDay) as unknown as Record<string, unknown>);
  relay.directory.claimDocument("journal-refunds", { storeId: store.storeId, registerId: reg.registerId }, clock);
  const projector = new Projector(relay.readModel, relay.directory, pino({ level: "silent" }));
  return {
    relay,
    dev1,
    dev2,
    s1,
    s2,
    advance(ms: number) {
      clock += ms;
    },
    /** Register 1 writes the refund receipt for an approval and the relay projects it. */
    deliverRefund(of: SaleCompleted, requestId: string, quantityMilli: number) {
      const r = refundSale({ storeId: store.storeId as StoreId, registerId: reg.registerId as RegisterId, registerNumber: 1, sequence: 5000 + ++seq, eventId: eventId(), now: clock }, of, NOTHING_REFUNDED, {
        requestId,
        lines: [{ lineIndex: 0, quantityMilli }],
      });
      if (!r.ok) throw new Error(r.error.code);
      journal = A.change(journal, (d) => appendEvent(d as never, r.value));
      projector.projectDoc("journal-refunds", journal);
      return r.value;
    },
  };
}

async function refund(relay: RelayServer, device: Paired, requestId: string, saleEventId: string, quantityMilli: number) {
  const res = await fetch(`${relay.url}/api/device/refunds`, {
    method: "POST",
    headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
    body: JSON.stringify({ requestId, saleEventId, lines: [{ lineIndex: 0, quantityMilli }] }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string }; earlier?: { quantities: [number, number][] } } };
}

const quarantined = (relay: RelayServer) => relay.readModel.db.prepare("SELECT event_id AS eventId, code FROM quarantine ORDER BY at, event_id").all() as { eventId: string; code: string }[];

describe("refund approvals expire unused (RL51)", () => {
  test("RL51 an unused approval holds the quantity until refundApprovalTtlMs, then it is released and refundable again; its request id is refused after", async () => {
    const t = await setup();
    expect((await refund(t.relay, t.dev1, "r1", t.s1.id, 2000)).status).toBe(200);
    expect(await refund(t.relay, t.dev2, "r2", t.s1.id, 1000)).toMatchObject({ status: 409, body: { error: { code: "REFUND_OVER_SOLD" } } });
    t.advance(TTL - 1);
    expect(await refund(t.relay, t.dev2, "r2", t.s1.id, 1000)).toMatchObject({ status: 409, body: { error: { code: "REFUND_OVER_SOLD" } } });
    t.advance(1);
    // Register 1 never wrote its refund: the approval is released and register 2 may refund.
    expect(await refund(t.relay, t.dev2, "r3", t.s1.id, 1000)).toMatchObject({ status: 200, body: { earlier: { quantities: [] } } });
    const released = t.relay.readModel.db.prepare("SELECT request_id AS requestId, released_at IS NOT NULL AS released FROM refund_approvals ORDER BY request_id").all();
    expect(released).toEqual([
      { requestId: "r1", released: 1 },
      { requestId: "r3", released: 0 },
    ]);
    // A retry of the expired request is refused rather than replayed: nothing changes.
    expect(await refund(t.relay, t.dev1, "r1", t.s1.id, 2000)).toMatchObject({ status: 409, body: { error: { code: "REFUND_APPROVAL_EXPIRED" } } });
    expect(t.relay.readModel.db.prepare("SELECT count(*) AS n FROM refund_approvals").get()).toEqual({ n: 2 });
  });

  test("RL51 an approval whose refund receipt arrived never expires; a late receipt of a released approval stands only if its quantity is still free", async () => {
    const t = await setup();
    // s1: the refund of "used" arrives in time; an hour later it still holds its piece.
    expect((await refund(t.relay, t.dev1, "used", t.s1.id, 1000)).status).toBe(200);
    t.deliverRefund(t.s1, "used", 1000);
    t.advance(60 * TTL);
    expect(await refund(t.relay, t.dev2, "too-much", t.s1.id, 2000)).toMatchObject({ status: 409, body: { error: { code: "REFUND_OVER_SOLD" } } });
    expect(t.relay.readModel.db.prepare("SELECT released_at AS r FROM refund_approvals WHERE request_id = 'used'").get()).toEqual({ r: null });

    // s2: q1 expires and is released when q2 asks; q1's receipt then arrives late. 1 + 1 ≤ 2 pieces: it stands.
    expect((await refund(t.relay, t.dev1, "q1", t.s2.id, 1000)).status).toBe(200);
    t.advance(TTL);
    expect((await refund(t.relay, t.dev2, "q2", t.s2.id, 1000)).status).toBe(200);
    const late = t.deliverRefund(t.s2, "q1", 1000);
    expect(t.relay.readModel.db.prepare("SELECT event_id AS id FROM refunds WHERE request_id = 'q1'").all()).toEqual([{ id: late.id }]);
    // Projected, q1 holds its piece again: nothing is left of s2.
    expect(await refund(t.relay, t.dev2, "q3", t.s2.id, 1000)).toMatchObject({ status: 409, body: { error: { code: "REFUND_OVER_SOLD" } } });

    // s1 again: "gone" expires, its 1 remaining piece goes to "again"; gone's late receipt would refund beyond what was sold.
    expect((await refund(t.relay, t.dev1, "gone", t.s1.id, 1000)).status).toBe(200);
    t.advance(TTL);
    expect((await refund(t.relay, t.dev2, "again", t.s1.id, 1000)).status).toBe(200);
    const tooLate = t.deliverRefund(t.s1, "gone", 1000);
    expect(quarantined(t.relay)).toEqual([{ eventId: tooLate.id, code: "REFUND_APPROVAL_EXPIRED" }]);
    expect(t.relay.readModel.db.prepare("SELECT count(*) AS n FROM refunds WHERE request_id = 'gone'").get()).toEqual({ n: 0 });
  });

  test("RL51 refundApprovalTtlMs 0 keeps approvals forever", async () => {
    let clock = Date.now();
    const { relay } = await startRelay({ now: () => clock, refundApprovalTtlMs: 0 });
    const store = await addStore(relay, "A", 1, catalog);
    const dev = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const s = sale(store.storeId, store.registers[0]!.registerId, clock);
    relay.readModel.addReceipts("doc-sales", [s], clock);
    expect((await refund(relay, dev, "k1", s.id, 2000)).status).toBe(200);
    clock += 365 * 24 * 3600 * 1000;
    expect(await refund(relay, dev, "k2", s.id, 1000)).toMatchObject({ status: 409, body: { error: { code: "REFUND_OVER_SOLD" } } });
    expect((await refund(relay, dev, "k1", s.id, 2000)).status).toBe(200);
  });
});

describe("refunds take back points (RL50)", () => {
  test("RL50 partial refunds owe the floor of their share, adding up to exactly what the sale earned", () => {
    // 45 points on 39.00; refunds of 13.00, 13.00, 13.00.
    const parts = [pointsOwed(45, 3900, 0, 1300), pointsOwed(45, 3900, 1300, 1300), pointsOwed(45, 3900, 2600, 1300)];
    expect(parts).toEqual([15, 15, 15]);
    expect([pointsOwed(10, 3000, 0, 1000), pointsOwed(10, 3000, 1000, 1000), pointsOwed(10, 3000, 2000, 1000)]).toEqual([3, 3, 4]);
    expect(pointsOwed(10, 3000, 0, 3000)).toBe(10);
    expect(pointsOwed(0, 3000, 0, 3000)).toBe(0);
    expect(pointsOwed(10, 0, 0, 3000)).toBe(0);
    // Never beyond the sale, whatever the refund totals say.
    expect(pointsOwed(10, 3000, 2500, 9999)).toBe(pointsOwed(10, 3000, 2500, 500));
  });
});
