import { describe, expect, test } from "vitest";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { completeSale, type Catalog, type EventId, type ItemId, type RegisterId, type SaleCompleted, type StoreId } from "@kasa/domain";
import { readCustomers, readStore, type CustomersDoc, type Stored, type StoredStoreDoc } from "@kasa/documents";
import { addStore, pair, startRelay, type Paired } from "./support/relay-fixture.js";
import type { RelayServer } from "../src/index.js";
import { balancesOfStore, pointsHistory } from "../src/online/customer-points.js";

// RL52: redeemed points no sale used go back to the customer — released by the register, or after
// pointsRedemptionTtlMs on an injected clock (no sleeping).

const catalog: Catalog = {
  items: { tea: { id: "tea" as ItemId, name: "Green tea", price: 500 as never, taxIds: [], soldBy: "each" } },
  taxes: {},
  categories: {},
};

let seq = 0;
const eventId = () => `01890a5d-ac96-774b-bcce-${String(++seq).padStart(12, "0")}` as EventId;

const TTL = 60 * 60_000;

async function setup(ttl = TTL) {
  let clock = Date.UTC(2026, 10, 29, 12);
  const { relay } = await startRelay({ now: () => clock, pointsRedemptionTtlMs: ttl });
  const store = await addStore(relay, "A", 2, catalog);
  const other = await addStore(relay, "B", 1, catalog);
  const reg = store.registers[0]!;
  const dev = await pair(relay, store.storeId, reg.registerId);
  const dev2 = await pair(relay, store.storeId, store.registers[1]!.registerId);
  const devB = await pair(relay, other.storeId, other.registers[0]!.registerId);
  const ann = await call(relay, dev, "POST", "/customers", { requestId: "c1", name: "Ann" });
  const customerId = String(ann.body["customerId"]);
  const sell = (extra: { quantityMilli?: number; pointsRedeemed?: { points: number; redemptionId: string } } = {}): SaleCompleted => {
    const r = completeSale(
      { catalog, currency: "EUR", storeId: store.storeId as StoreId, registerId: reg.registerId as RegisterId, registerNumber: 1, sequence: 1000 + ++seq, eventId: eventId(), now: clock },
      {
        lines: [{ itemId: "tea" as ItemId, quantityMilli: extra.quantityMilli ?? 2000 }],
        payments: [{ type: "cash", received: 100_000 }],
        customerId,
        ...(extra.pointsRedeemed ? { pointsRedeemed: extra.pointsRedeemed } : {}),
      },
    );
    if (!r.ok) throw new Error(r.error.code);
    // As if projected from a durable journal.
    relay.readModel.addReceipts("doc-sales", [r.value], clock);
    return r.value;
  };
  sell({ quantityMilli: 10_000 }); // 5000 → 50 points
  const docPoints = async () => {
    const storeDoc = await relay.repo.find<StoredStoreDoc>(store.storeDocUrl as AutomergeUrl);
    const customers = await relay.repo.find<Stored<CustomersDoc>>(readStore(storeDoc.doc()).customersDocUrl as AutomergeUrl);
    return readCustomers(customers.doc()).find((c) => c.customerId === customerId)?.points;
  };
  const redemptions = () => relay.readModel.db.prepare("SELECT request_id AS id, released_at AS releasedAt FROM point_redemptions ORDER BY request_id").all();
  return { relay, storeId: store.storeId, dev, dev2, devB, customerId, sell, docPoints, redemptions, advance: (ms: number) => (clock += ms), now: () => clock };
}

async function call(relay: RelayServer, device: Paired, method: string, path: string, body?: unknown) {
  const res = await fetch(`${relay.url}/api/device${path}`, {
    method,
    headers: { authorization: `Bearer ${device.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } & Record<string, unknown> };
}

const redeem = (relay: RelayServer, dev: Paired, requestId: string, customerId: string, points: number) => call(relay, dev, "POST", "/points/redeem", { requestId, customerId, points });
const release = (relay: RelayServer, dev: Paired, redemptionId: unknown) => call(relay, dev, "POST", "/points/release", { redemptionId });

describe("points release (RL52)", () => {
  test("RL52 release gives unused points back, idempotently, from any register of the store; the released id can't be replayed", async () => {
    const { relay, storeId, dev, dev2, customerId, docPoints, now } = await setup();
    expect(await redeem(relay, dev, "r1", customerId, 30)).toMatchObject({ status: 200, body: { balance: 20 } });
    expect(await docPoints()).toBe(20);
    // The back office's list and history (RL43) count it while it holds…
    const history = () => pointsHistory(relay.readModel.db, storeId, customerId).map((e) => `${e.kind}:${e.points}`);
    expect(balancesOfStore(relay.readModel.db, storeId).get(customerId)).toBe(20);
    expect(history()).toEqual(expect.arrayContaining(["redeemed:-30", "earned:50"]));

    const first = await release(relay, dev2, "r1");
    expect(first).toMatchObject({ status: 200, body: { redemptionId: "r1", customerId, points: 30, releasedAt: now(), balance: 50 } });
    expect(await docPoints()).toBe(50);
    // …and not once released: the history still adds up to the balance.
    expect(balancesOfStore(relay.readModel.db, storeId).get(customerId)).toBe(50);
    expect(history()).toEqual(["earned:50"]);
    // Again (a retry after a lost answer): the same, nothing changes.
    expect(await release(relay, dev, "r1")).toEqual(first);
    expect(await docPoints()).toBe(50);

    // A retry of the redemption itself is not replayed as if the points were still spent.
    expect(await redeem(relay, dev, "r1", customerId, 30)).toMatchObject({ status: 409, body: { error: { code: "REDEMPTION_RELEASED" } } });
    // The points are there to spend again, all of them.
    expect(await redeem(relay, dev, "r2", customerId, 50)).toMatchObject({ status: 200, body: { balance: 0 } });
  });

  test("RL52 a redemption a projected sale carries is refused with 409 REDEMPTION_USED and stays spent", async () => {
    const { relay, dev, customerId, sell, docPoints, redemptions } = await setup();
    await redeem(relay, dev, "r1", customerId, 30);
    sell({ pointsRedeemed: { points: 30, redemptionId: "r1" } }); // 1000 − 30 = 970 → 9 points
    const before = redemptions();
    expect(await release(relay, dev, "r1")).toMatchObject({ status: 409, body: { error: { code: "REDEMPTION_USED" } } });
    expect(redemptions()).toEqual(before);
    expect(await redeem(relay, dev, "r2", customerId, 30)).toMatchObject({ status: 409, body: { error: { code: "INSUFFICIENT_POINTS", message: "The customer has 29 points" } } });
    expect(await redeem(relay, dev, "r3", customerId, 29)).toMatchObject({ status: 200, body: { balance: 0 } });
    expect(await docPoints()).toBe(0);
  });

  test("RL52 bad input: unknown or another store's redemption → 404 UNKNOWN_REDEMPTION, a bad body → 400; nothing changes", async () => {
    const { relay, dev, devB, customerId, redemptions } = await setup();
    await redeem(relay, dev, "r1", customerId, 10);
    const before = redemptions();
    expect(await release(relay, dev, "nope")).toMatchObject({ status: 404, body: { error: { code: "UNKNOWN_REDEMPTION" } } });
    expect(await release(relay, devB, "r1")).toMatchObject({ status: 404, body: { error: { code: "UNKNOWN_REDEMPTION" } } });
    expect(await release(relay, dev, "")).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(await release(relay, dev, 42)).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(await call(relay, dev, "POST", "/points/release", { redemptionId: "r1", extra: 1 })).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(redemptions()).toEqual(before);
  });

  test("RL52 an unused redemption is released after pointsRedemptionTtlMs (checked at the next redemption), a used one never", async () => {
    const { relay, dev, customerId, sell, docPoints, redemptions, advance } = await setup();
    await redeem(relay, dev, "used", customerId, 10);
    sell({ pointsRedeemed: { points: 10, redemptionId: "used" } }); // 990 → 9 points: balance 49
    await redeem(relay, dev, "abandoned", customerId, 40);
    expect(await redeem(relay, dev, "r3", customerId, 10)).toMatchObject({ status: 409, body: { error: { code: "INSUFFICIENT_POINTS" } } });

    advance(TTL - 1);
    expect(await redeem(relay, dev, "r3", customerId, 10)).toMatchObject({ status: 409, body: { error: { code: "INSUFFICIENT_POINTS" } } });
    expect(redemptions()).toEqual([
      { id: "abandoned", releasedAt: null },
      { id: "used", releasedAt: null },
    ]);

    advance(1);
    expect(await redeem(relay, dev, "r3", customerId, 10)).toMatchObject({ status: 200, body: { balance: 39 } });
    expect(redemptions()).toEqual([
      { id: "abandoned", releasedAt: expect.any(Number) },
      { id: "r3", releasedAt: null },
      { id: "used", releasedAt: null },
    ]);
    expect(await docPoints()).toBe(39);
    expect(await redeem(relay, dev, "abandoned", customerId, 40)).toMatchObject({ status: 409, body: { error: { code: "REDEMPTION_RELEASED" } } });
    expect(await release(relay, dev, "used")).toMatchObject({ status: 409, body: { error: { code: "REDEMPTION_USED" } } });
  });

  test("RL52 a sale that arrives after its redemption was released still stands and the redemption counts again", async () => {
    const { relay, dev, customerId, sell, docPoints } = await setup();
    await redeem(relay, dev, "late", customerId, 30);
    expect(await release(relay, dev, "late")).toMatchObject({ status: 200, body: { balance: 50 } });
    sell({ quantityMilli: 2000, pointsRedeemed: { points: 30, redemptionId: "late" } }); // 970 → 9 points
    // The relay's points follow the projection: 50 + 9 − 30.
    expect(await redeem(relay, dev, "r2", customerId, 30)).toMatchObject({ status: 409, body: { error: { code: "INSUFFICIENT_POINTS", message: "The customer has 29 points" } } });
    expect(await release(relay, dev, "late")).toMatchObject({ status: 409, body: { error: { code: "REDEMPTION_USED" } } });
    expect(await redeem(relay, dev, "r3", customerId, 29)).toMatchObject({ status: 200, body: { balance: 0 } });
    expect(await docPoints()).toBe(0);
  });

  test("RL52 pointsRedemptionTtlMs 0 keeps redemptions until released", async () => {
    const { relay, dev, customerId, advance } = await setup(0);
    await redeem(relay, dev, "r1", customerId, 50);
    advance(365 * 24 * 60 * 60_000);
    expect(await redeem(relay, dev, "r2", customerId, 1)).toMatchObject({ status: 409, body: { error: { code: "INSUFFICIENT_POINTS" } } });
    expect(await release(relay, dev, "r1")).toMatchObject({ status: 200, body: { balance: 50 } });
  });
});
