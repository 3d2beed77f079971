import { describe, expect, test } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import type { AutomergeUrl } from "@automerge/automerge-repo";
import { closeShift, completeSale, newEventId, openShift, priceTicket, type BusinessDay, type EventId, type ItemId, type KasaEvent, type RegisterId, type ShiftId, type StoreId } from "@kasa/domain";
import { appendEvent, initialJournalDoc, readStore } from "@kasa/documents";
import { DEMO_STORE } from "../src/index.js";
import { hashPassword } from "../src/auth/secrets.js";
import { Directory } from "../src/db/directory.js";
import { openRelayDb } from "../src/db/relay-db.js";
import { dataFilePath } from "../src/ops/data-files.js";
import { reprojectAll } from "../src/ops/reproject.js";
import { ReadModel } from "../src/read-model/read-model.js";
import { SqliteStorageAdapter } from "../src/storage/sqlite-storage-adapter.js";
import { addStore, deviceRepo, pair, startRelay, tempDir } from "./support/relay-fixture.js";

const ids = { now: Date.now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };

async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only access to JSON answers
type Json = any;
const json = async (res: Promise<Response>): Promise<Json> => (await res).json();

/** Tables a rebuild must reproduce, without the relay-clock column. */
function snapshot(rm: ReadModel): Record<string, unknown[]> {
  const q = (sql: string) => rm.db.prepare(sql).all();
  return {
    receipts: q("SELECT event_id, doc_id, store_id, register_id, number, device_time, total, subtotal, tax, discount, shift_id, cancelled_at, body FROM receipts ORDER BY event_id"),
    shifts: q("SELECT event_id, doc_id, store_id, register_id, shift_id, type, device_time, body FROM shift_events ORDER BY event_id"),
    lines: q("SELECT * FROM receipt_lines ORDER BY event_id, line_index"),
    payments: q("SELECT * FROM receipt_payments ORDER BY event_id, payment_index"),
    rollup: q("SELECT * FROM sales_rollup WHERE n > 0 ORDER BY store_id, g"),
  };
}

describe("owner reports API", () => {
  test("shift and sales projected live equal a rebuild from the documents; reports, cancel and coded 4xx over HTTP", async () => {
    const dataDir = await tempDir();
    const { relay } = await startRelay({ dataDir });
    const store = await addStore(relay, "Reports", 1, DEMO_STORE.catalog);
    const other = await addStore(relay, "Someone else's", 1, DEMO_STORE.catalog);
    relay.directory.createOwner(`owner-${randomUUID()}`, "owner@example.com", await hashPassword("secret-pass"), [store.storeId], Date.now());
    const device = await pair(relay, store.storeId, store.registers[0]!.registerId);
    const { repo } = deviceRepo(relay, device);
    const doc = readStore((await repo.find(device.storeDocUrl as AutomergeUrl)).doc());
    const item = Object.values(doc.catalog.items).find((i) => !i.variants?.length && i.soldBy === "each")!;
    const journal = repo.create(initialJournalDoc(doc.storeId, device.registerId as RegisterId, "2026-11-29" as BusinessDay));
    const ctx = (now: number) => ({ storeId: doc.storeId as StoreId, registerId: device.registerId as RegisterId, eventId: newEventId(ids) as EventId, now });
    const now = Date.now();
    const opened = openShift({}, ctx(now - 10_000), { startingCash: 5_000 });
    if (!opened.ok) throw new Error(opened.error.message);
    const shiftId = opened.value.payload.shiftId as ShiftId;
    const events: KasaEvent[] = [opened.value];
    const priced = priceTicket(doc.catalog, [{ itemId: item.id as ItemId, quantityMilli: 1000 }]);
    if (!priced.ok) throw new Error("price");
    for (let n = 0; n < 3; n++) {
      const s = completeSale(
        { catalog: doc.catalog, currency: doc.settings.currency, storeId: doc.storeId as StoreId, registerId: device.registerId as RegisterId, registerNumber: 1, sequence: 1000 + n, eventId: newEventId(ids) as EventId, now: now - 5_000 + n, shiftId },
        { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: priced.value.total }] } as never,
      );
      if (!s.ok) throw new Error(s.error.message);
      events.push(s.value);
    }
    const closed = closeShift({ open: { shiftId, openedAt: now - 10_000, startingCash: 5_000 as never } }, ctx(now - 1_000), { countedCash: 5_000 + 3 * priced.value.total, expectedCash: 5_000 + 3 * priced.value.total });
    if (!closed.ok) throw new Error(closed.error.message);
    events.push(closed.value);
    journal.change((d) => {
      for (const e of events) appendEvent(d, e);
    });
    const until = async (check: () => boolean) => {
      const end = Date.now() + 10_000;
      while (!check()) {
        if (Date.now() > end) throw new Error("timed out");
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await until(() => relay.readModel.counts().receipts === 3 && (relay.readModel.db.prepare("SELECT count(*) AS n FROM shift_events").get() as { n: number }).n === 2);

    const cookie = await signIn(relay.url, "owner@example.com", "secret-pass");
    const get = (path: string) => fetch(`${relay.url}/api${path}`, { headers: { cookie } });
    const base = `/stores/${store.storeId}`;

    const settings = await json(get(`${base}/settings`));
    expect(settings.settings).toMatchObject({ currency: DEMO_STORE.settings.currency, timeZone: DEMO_STORE.settings.timeZone, locale: DEMO_STORE.settings.locale });

    const summary = await json(get(`${base}/reports/summary?period=today`));
    expect(summary.current.receipts).toBe(3);
    expect(summary.current.grossSales).toBe(3 * priced.value.subtotal);
    expect(summary.current.netSales).toBe(summary.current.grossSales - summary.current.discounts - summary.current.refunds);
    expect(summary.series.length).toBeGreaterThanOrEqual(23);

    for (const [path, status, code] of [
      [`${base}/reports/summary?period=fortnight`, 400, "BAD_REQUEST"],
      [`${base}/reports/summary?period=custom&from=2026-01-01`, 400, "RANGE_INVALID"],
      [`${base}/reports/summary?period=custom&from=2026-02-01&to=2026-01-01`, 400, "RANGE_INVALID"],
      [`${base}/reports/summary?period=custom&from=2024-01-01&to=2026-01-01`, 400, "RANGE_INVALID"],
      [`${base}/reports/summary?period=custom&from=1999-12-31&to=2000-01-02`, 400, "RANGE_INVALID"],
      [`${base}/reports/summary?period=custom&from=2026-02-30&to=2026-03-01`, 400, "RANGE_INVALID"],
      [`${base}/reports/summary?period=today&extra=1`, 400, "BAD_REQUEST"],
      [`${base}/sales?limit=abc`, 400, "BAD_REQUEST"],
      [`${base}/sales?registerId=nope`, 404, "NOT_FOUND"],
      [`${base}/sales/${randomUUID()}`, 404, "NOT_FOUND"],
      [`${base}/shifts/nope`, 404, "NOT_FOUND"],
      [`/stores/${other.storeId}/reports/summary`, 404, "NOT_FOUND"],
      [`/stores/${other.storeId}/settings`, 404, "NOT_FOUND"],
    ] as const) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect((await fetch(`${relay.url}/api${base}/reports/summary`)).status).toBe(401);

    const custom = await json(get(`${base}/reports/summary?period=custom&from=2026-01-01&to=2026-12-31`));
    expect(custom.bucket).toBe("month");
    const items = await json(get(`${base}/reports/items?period=today`));
    expect(items.rows[0]).toMatchObject({ itemId: item.id, quantityMilli: 3000 });
    expect((await json(get(`${base}/reports/categories?period=today`))).rows).toHaveLength(1);
    expect((await json(get(`${base}/reports/payment-types?period=today`))).rows[0]).toMatchObject({ type: "cash", payments: 3 });

    const shifts = (await json(get(`${base}/shifts`))).shifts;
    expect(shifts).toHaveLength(1);
    expect(shifts[0].report).toMatchObject({ receipts: 3, startingCash: 5_000, difference: 0 });

    // Rebuild from the documents equals the live read model (before any relay-side cancellation).
    const live = snapshot(relay.readModel);
    const list = (await json(get(`${base}/sales?kind=sale`))).receipts;
    expect(list).toHaveLength(3);
    const victim = list[0].eventId as string;
    const post = (path: string, body?: unknown) => fetch(`${relay.url}/api${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect((await post(`${base}/sales/${victim}/cancel`, { reason: 123 })).status).toBe(400);
    expect((await post(`${base}/sales/${victim}/cancel`, { reason: "typo" })).status).toBe(200);
    const again = await post(`${base}/sales/${victim}/cancel`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("RECEIPT_ALREADY_CANCELLED");
    expect((await post(`/stores/${other.storeId}/sales/${victim}/cancel`)).status).toBe(404);
    expect((await json(get(`${base}/reports/summary?period=today`))).current.receipts).toBe(2);
    expect((await json(get(`${base}/shifts/${shiftId}`))).report.receipts).toBe(2);
    const detail = await json(get(`${base}/sales/${victim}`));
    expect(detail.cancellation.reason).toBe("typo");
    expect(typeof detail.receivedAt).toBe("number");
    await relay.close();

    const storage = new SqliteStorageAdapter({ file: dataFilePath(dataDir, "documents") });
    const directory = new Directory(openRelayDb(dataFilePath(dataDir, "relay")));
    const rebuilt = new ReadModel(`${await tempDir()}/read_model.sqlite`);
    await reprojectAll(storage, directory, rebuilt);
    expect(snapshot(rebuilt)).toEqual(live);
    rebuilt.close();
    storage.close();
    directory.close();
  }, 60_000);
});
