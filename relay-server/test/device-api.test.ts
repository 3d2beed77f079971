import { describe, expect, test } from "vitest";
import { completeSale, type Catalog, type EventId, type ItemId, type RegisterId, type SaleCompleted, type StoreId } from "@kasa/domain";
import * as A from "@automerge/automerge";
import { pino } from "pino";
import { appendEvent, initialJournalDoc } from "@kasa/documents";
import { refundSale, NOTHING_REFUNDED, type BusinessDay } from "@kasa/domain";
import { addStore, pair, startRelay, type Paired } from "./support/relay-fixture.js";
import type { RelayServer } from "../src/index.js";
import { Projector } from "../src/read-model/projector.js";

const catalog: Catalog = {
  items: {
    tea: { id: "tea" as ItemId, name: "Green tea", price: 500 as never, taxIds: [], soldBy: "each", trackStock: true, stock: 10_000 },
    cake: { id: "cake" as ItemId, name: "Cake", price: 900 as never, taxIds: [], soldBy: "each" },
  },
  taxes: {},
  categories: {},
};

let seq = 0;
function sale(storeId: string, registerId: string, qty = 2000, customerId?: string): SaleCompleted {
  const id = `01890a5d-ac96-774b-bcce-${String(++seq).padStart(12, "0")}` as EventId;
  const r = completeSale(
    { catalog, currency: "EUR", storeId: storeId as StoreId, registerId: registerId as RegisterId, registerNumber: 1, sequence: 1000 + seq, eventId: id, now: Date.now() },
    { lines: [{ itemId: "tea" as ItemId, quantityMilli: qty }], payments: [{ type: "cash", received: 100_000 }], ...(customerId ? { customerId } : {}) },
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

async function setup() {
  const { relay } = await startRelay();
  const a = await addStore(relay, "A", 2, catalog);
  const b = await addStore(relay, "B", 1, catalog);
  const devA = await pair(relay, a.storeId, a.registers[0]!.registerId);
  const devA2 = await pair(relay, a.storeId, a.registers[1]!.registerId);
  const devB = await pair(relay, b.storeId, b.registers[0]!.registerId);
  const s = sale(a.storeId, a.registers[0]!.registerId);
  // As if projected from a durable journal.
  relay.readModel.addReceipts("doc-a", [s], Date.now());
  return { relay, a, b, devA, devA2, devB, sale: s };
}

async function call(relay: RelayServer, device: Paired | string | undefined, method: string, path: string, body?: unknown) {
  const token = typeof device === "string" ? device : device?.token;
  const res = await fetch(`${relay.url}/api/device${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } & Record<string, unknown> };
}

const counts = (relay: RelayServer) => {
  const one = (sql: string) => (relay.readModel.db.prepare(sql).get() as { n: number }).n;
  return { requests: one("SELECT count(*) AS n FROM online_requests"), approvals: one("SELECT count(*) AS n FROM refund_approvals"), redemptions: one("SELECT count(*) AS n FROM point_redemptions"), customers: one("SELECT count(*) AS n FROM online_customers") };
};

describe("device API", () => {
  test("RL30 no token → 401, unknown token → 401, revoked device → 403 DEVICE_REVOKED", async () => {
    const { relay, devA2 } = await setup();
    expect(await call(relay, undefined, "GET", "/time")).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    expect(await call(relay, "x".repeat(40), "GET", "/time")).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const t = await call(relay, devA2, "GET", "/time");
    expect(t.status).toBe(200);
    expect(typeof t.body["now"]).toBe("number");
    relay.revokeDevice(devA2.deviceId);
    expect(await call(relay, devA2, "GET", "/time")).toMatchObject({ status: 403, body: { error: { code: "DEVICE_REVOKED" } } });
  });

  test("RL30 RL31 bad input, unknown ids and another store's ids → coded 4xx, and nothing changes", async () => {
    const { relay, devA, devB, sale: s } = await setup();
    const before = counts(relay);
    const cases: [Paired, string, string, unknown, number, string][] = [
      [devA, "POST", "/refunds", "not json", 400, "BAD_REQUEST"],
      [devA, "POST", "/refunds", { requestId: 5, saleEventId: s.id, lines: [] }, 400, "BAD_REQUEST"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [{ lineIndex: "0", quantityMilli: 1000 }] }, 400, "BAD_REQUEST"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [{ lineIndex: 0, quantityMilli: 1000 }], extra: 1 }, 400, "BAD_REQUEST"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [] }, 400, "EMPTY_REFUND"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [{ lineIndex: 3, quantityMilli: 1000 }] }, 400, "UNKNOWN_LINE"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [{ lineIndex: 0, quantityMilli: 500 }] }, 400, "LINE_QUANTITY_NOT_WHOLE"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [{ lineIndex: 0, quantityMilli: 3000 }] }, 409, "REFUND_OVER_SOLD"],
      [devA, "POST", "/refunds", { requestId: "r1", saleEventId: "01890a5d-ac96-774b-bcce-999999999999", lines: [{ lineIndex: 0, quantityMilli: 1000 }] }, 404, "UNKNOWN_RECEIPT"],
      [devB, "POST", "/refunds", { requestId: "r1", saleEventId: s.id, lines: [{ lineIndex: 0, quantityMilli: 1000 }] }, 404, "UNKNOWN_RECEIPT"],
      [devB, "GET", `/receipts/${s.id}`, undefined, 404, "UNKNOWN_RECEIPT"],
      [devA, "GET", "/receipts?query=", undefined, 400, "BAD_REQUEST"],
      [devA, "GET", "/stock?items=", undefined, 400, "BAD_REQUEST"],
      [devA, "GET", "/stock?items=nope", undefined, 404, "UNKNOWN_ITEM"],
      [devA, "POST", "/customers", { requestId: "c1" }, 400, "BAD_REQUEST"],
      [devA, "POST", "/customers", { requestId: "c1", name: "Ann", email: "not-an-email" }, 400, "EMAIL_INVALID"],
      [devA, "PUT", "/customers/cus-unknown", { requestId: "c1", name: "Ann" }, 404, "UNKNOWN_CUSTOMER"],
      [devA, "POST", "/points/redeem", { requestId: "p1", customerId: "cus-unknown", points: 5 }, 404, "UNKNOWN_CUSTOMER"],
      [devA, "POST", "/points/redeem", { requestId: "p1", customerId: "cus-unknown", points: -5 }, 400, "BAD_REQUEST"],
      [devA, "POST", "/points/redeem", { requestId: "p1", customerId: "cus-unknown", points: 1.5 }, 400, "BAD_REQUEST"],
      [devA, "GET", "/nothing-here", undefined, 404, "NOT_FOUND"],
    ];
    for (const [device, method, path, body, status, code] of cases) {
      const r = await call(relay, device, method, path, body);
      expect({ path, body, status: r.status, code: r.body.error?.code }).toEqual({ path, body, status, code });
    }
    expect(counts(relay)).toEqual(before);
    // Another store's customer looks like an unknown one.
    const ann = await call(relay, devA, "POST", "/customers", { requestId: "c2", name: "Ann", email: "ann@example.com" });
    expect(ann.status).toBe(200);
    const after = counts(relay);
    expect(await call(relay, devB, "PUT", `/customers/${String(ann.body["customerId"])}`, { requestId: "c3", name: "Mallory" })).toMatchObject({ status: 404, body: { error: { code: "UNKNOWN_CUSTOMER" } } });
    expect(await call(relay, devB, "POST", "/points/redeem", { requestId: "p2", customerId: ann.body["customerId"], points: 1 })).toMatchObject({ status: 404 });
    expect(counts(relay)).toEqual(after);
  });

  test("RL32 RL33 refunds: same request id + same body → same approval; different body → 409 REQUEST_ID_REUSED; never beyond what was sold", async () => {
    const { relay, devA, devA2, sale: s } = await setup();
    const body = { requestId: "req-1", saleEventId: s.id, lines: [{ lineIndex: 0, quantityMilli: 1000 }] };
    const first = await call(relay, devA2, "POST", "/refunds", body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ requestId: "req-1", sale: { id: s.id }, earlier: { quantities: [], payments: [] } });
    expect(await call(relay, devA2, "POST", "/refunds", body)).toEqual(first);
    expect(await call(relay, devA2, "POST", "/refunds", { ...body, lines: [{ lineIndex: 0, quantityMilli: 2000 }] })).toMatchObject({ status: 409, body: { error: { code: "REQUEST_ID_REUSED" } } });
    const second = await call(relay, devA, "POST", "/refunds", { ...body, requestId: "req-2" });
    expect(second.body).toMatchObject({ earlier: { quantities: [[0, 1000]] } });
    expect(await call(relay, devA, "POST", "/refunds", { ...body, requestId: "req-3" })).toMatchObject({ status: 409, body: { error: { code: "REFUND_OVER_SOLD" } } });
    expect(counts(relay).approvals).toBe(2);
  });

  test("RL35 RL36 RL37 customers unique per store; points earned on projected sales, redeemed once; stock and receipt search", async () => {
    const { relay, a, devA, devA2, devB } = await setup();
    const ann = await call(relay, devA, "POST", "/customers", { requestId: "c1", name: "Ann", email: "Ann@Example.com", phone: "+48 600 100 200", code: "a-1" });
    expect(ann).toMatchObject({ status: 200, body: { name: "Ann", email: "ann@example.com", phone: "+48600100200", code: "A-1", points: 0 } });
    expect(await call(relay, devA2, "POST", "/customers", { requestId: "c2", name: "Bob", email: "ANN@example.com" })).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_EMAIL_TAKEN" } } });
    expect(await call(relay, devA2, "POST", "/customers", { requestId: "c3", name: "Bob", phone: "+48600100200" })).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_PHONE_TAKEN" } } });
    expect(await call(relay, devA2, "POST", "/customers", { requestId: "c4", name: "Bob", code: "A-1" })).toMatchObject({ status: 409, body: { error: { code: "CUSTOMER_CODE_TAKEN" } } });
    // Another store may use the same e-mail.
    expect((await call(relay, devB, "POST", "/customers", { requestId: "c1", name: "Ann B", email: "ann@example.com" })).status).toBe(200);
    const id = String(ann.body["customerId"]);
    const edited = await call(relay, devA2, "PUT", `/customers/${id}`, { requestId: "e1", name: "Ann Smith", email: "ann@example.com" });
    expect(edited).toMatchObject({ status: 200, body: { customerId: id, name: "Ann Smith" } });

    relay.readModel.addReceipts("doc-a", [sale(a.storeId, a.registers[0]!.registerId, 10_000, id)], Date.now()); // 5000 → 50 points
    const [r1, r2] = await Promise.all([
      call(relay, devA, "POST", "/points/redeem", { requestId: "p1", customerId: id, points: 40 }),
      call(relay, devA2, "POST", "/points/redeem", { requestId: "p2", customerId: id, points: 40 }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect([r1, r2].find((r) => r.status === 409)?.body.error?.code).toBe("INSUFFICIENT_POINTS");
    expect(await call(relay, devA, "POST", "/points/redeem", { requestId: "p3", customerId: id, points: 11 })).toMatchObject({ status: 409, body: { error: { code: "INSUFFICIENT_POINTS" } } });
    expect(await call(relay, devA, "POST", "/points/redeem", { requestId: "p4", customerId: id, points: 10 })).toMatchObject({ status: 200, body: { balance: 0 } });

    // 10 in stock, 2 + 10 sold.
    expect(await call(relay, devA, "GET", "/stock?items=tea,cake")).toMatchObject({ status: 200, body: { stock: { tea: -2000 } } });
    const hits = await call(relay, devA, "GET", "/receipts?query=green");
    expect((hits.body["receipts"] as unknown[]).length).toBe(2);
    expect((await call(relay, devB, "GET", "/receipts?query=green")).body["receipts"]).toEqual([]);
  });

  test("RL34 a refund event is projected only for its approved request, once; others are quarantined REFUND_NOT_APPROVED; e-receipt requests are queued", async () => {
    const { relay, a, devA, sale: s } = await setup();
    const reg = a.registers[0]!;
    const approved = await call(relay, devA, "POST", "/refunds", { requestId: "ok-1", saleEventId: s.id, lines: [{ lineIndex: 0, quantityMilli: 1000 }] });
    expect(approved.status).toBe(200);
    let n = 100;
    const refund = (requestId: string, qty: number) => {
      const id = `01890a5d-ac96-774b-bcce-${String(++n).padStart(12, "0")}` as EventId;
      const r = refundSale({ storeId: a.storeId as StoreId, registerId: reg.registerId as RegisterId, registerNumber: 1, sequence: 5000 + n, eventId: id, now: Date.now() }, s, NOTHING_REFUNDED, { requestId, lines: [{ lineIndex: 0, quantityMilli: qty }] });
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    const good = refund("ok-1", 1000);
    const replayOfRequest = refund("ok-1", 1000);
    const unapproved = refund("never-approved", 1000);
    const wrongQty = refund("ok-1", 2000);
    const email = { id: "01890a5d-ac96-774b-bcce-000000000999" as EventId, type: "receipt.email-requested" as const, storeId: a.storeId as StoreId, registerId: reg.registerId as RegisterId, deviceTime: Date.now(), schema: 1, payload: { receiptEventId: s.id, receiptNumber: s.payload.receipt.number, email: "guest@example.com" } };
    let doc = A.from(initialJournalDoc(a.storeId as StoreId, reg.registerId as RegisterId, "2026-11-29" as BusinessDay) as unknown as Record<string, unknown>);
    doc = A.change(doc, (d) => {
      for (const e of [good, email]) appendEvent(d as never, e);
    });
    const docId = "journal-test-1";
    relay.directory.claimDocument(docId, { storeId: a.storeId, registerId: reg.registerId }, Date.now());
    const projector = new Projector(relay.readModel, relay.directory, pino({ level: "silent" }));
    projector.projectDoc(docId, doc);
    projector.projectDoc(docId, doc);
    doc = A.change(doc, (d) => {
      for (const e of [replayOfRequest, unapproved, wrongQty]) appendEvent(d as never, e);
    });
    projector.projectDoc(docId, doc);
    const rows = relay.readModel.db.prepare("SELECT event_id AS eventId, sale_event_id AS saleEventId, request_id AS requestId, total FROM refunds").all();
    expect(rows).toEqual([{ eventId: good.id, saleEventId: s.id, requestId: "ok-1", total: good.payload.refund.total }]);
    const q = relay.readModel.db.prepare("SELECT event_id AS eventId, code FROM quarantine ORDER BY event_id").all();
    expect(q).toEqual([replayOfRequest, unapproved, wrongQty].map((e) => ({ eventId: e.id, code: "REFUND_NOT_APPROVED" })));
    expect(relay.readModel.db.prepare("SELECT store_id AS storeId, receipt_event_id AS receiptEventId, email, state FROM email_requests").all()).toEqual([
      { storeId: a.storeId, receiptEventId: s.id, email: "guest@example.com", state: "queued" },
    ]);
    // The refund shows on the receipt's detail for every register of the store.
    const detail = await call(relay, devA, "GET", `/receipts/${s.id}`);
    expect((detail.body["refunds"] as { id: string }[]).map((r) => r.id)).toEqual([good.id]);
  });
});
